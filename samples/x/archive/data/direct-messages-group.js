window.YTD.direct_messages_group.part0 = [
  {
    "dmConversation": {
      "conversationId": "1770000000000000000",
      "messages": [
        {
          "joinConversation": {
            "initiatingUserId": "1500000000000000456",
            "participantsSnapshot": [
              "1500000000000000123",
              "1500000000000000456",
              "1500000000000000999"
            ],
            "createdAt": "2024-03-20T09:00:00.000Z"
          }
        },
        {
          "messageCreate": {
            "reactions": [],
            "urls": [],
            "mediaUrls": [],
            "text": "Ask Sam what really happened in February. Go on, ask.",
            "senderId": "1500000000000000456",
            "id": "1770000000000000001",
            "createdAt": "2024-03-20T09:01:00.000Z"
          }
        }
      ]
    }
  }
]