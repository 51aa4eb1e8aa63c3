window.YTD.follower.part0 = [
  {
    "follower": {
      "accountId": "200",
      "userLink": "https://twitter.com/intent/user?user_id=200"
    }
  }
]