window.YTD.account.part0 = [
  {
    "account": {
      "username": "maya_l",
      "accountId": "100",
      "createdVia": "web",
      "createdAt": "2014-04-01T08:00:00.000Z",
      "accountDisplayName": "Maya L."
    }
  }
]