window.YTD.account.part0 = [
  {
    "account": {
      "email": "sam@example.com",
      "username": "samcarter",
      "accountId": "1500000000000000123",
      "createdAt": "2016-05-01T10:00:00.000Z",
      "accountDisplayName": "Sam Carter"
    }
  }
]