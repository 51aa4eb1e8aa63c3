window.YTD.following.part0 = [
  {
    "following": {
      "accountId": "200",
      "userLink": "https://twitter.com/intent/user?user_id=200"
    }
  },
  {
    "following": {
      "accountId": "300",
      "userLink": "https://twitter.com/intent/user?user_id=300"
    }
  }
]