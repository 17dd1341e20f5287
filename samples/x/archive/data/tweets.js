window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1768000000000000001",
      "full_text": "@alex_morgan_x I have asked you to stop. Do not contact me again.",
      "created_at": "Mon Mar 11 08:00:00 +0000 2024",
      "in_reply_to_screen_name": "alex_morgan_x",
      "in_reply_to_user_id_str": "1500000000000000456",
      "entities": {
        "user_mentions": [
          {
            "screen_name": "alex_morgan_x",
            "name": "Alex",
            "id_str": "1500000000000000456"
          }
        ],
        "urls": [],
        "hashtags": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "1768000000000000002",
      "full_text": "Spring at last 🌷",
      "created_at": "Sat Mar 30 10:00:00 +0000 2024",
      "entities": {
        "user_mentions": [],
        "urls": [],
        "hashtags": []
      }
    }
  }
]