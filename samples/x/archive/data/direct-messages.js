window.YTD.direct_messages.part0 = [
  {
    "dmConversation": {
      "conversationId": "1500000000000000123-1500000000000000456",
      "messages": [
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Can we just talk? 🙏",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000000",
            "createdAt": "2024-03-02T21:59:15.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I miss you Sam",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000001",
            "createdAt": "2024-03-03T19:16:55.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Why won't you answer me",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000002",
            "createdAt": "2024-03-04T08:47:55.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I saw you at the station today. You looked tired",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000003",
            "createdAt": "2024-03-04T21:11:29.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "We can fix this, I know we can",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000004",
            "createdAt": "2024-03-05T12:58:50.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Who is Priya? Why are you always with her",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000005",
            "createdAt": "2024-03-05T23:04:45.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Answer me.\nPlease.",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000006",
            "createdAt": "2024-03-06T23:10:26.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I miss you Sam",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000007",
            "createdAt": "2024-03-07T22:01:33.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Can we just talk? 🙏",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000008",
            "createdAt": "2024-03-07T23:29:40.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Why won't you answer me",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000009",
            "createdAt": "2024-03-09T12:23:01.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000456",
            "reactions": [],
            "urls": [],
            "text": "Please stop contacting me.",
            "mediaUrls": [],
            "senderId": "1500000000000000123",
            "id": "1766000000000000010",
            "createdAt": "2024-03-10T20:15:00.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I know you got home at 11:40 last night",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000011",
            "createdAt": "2024-03-11T12:44:29.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Nice coat today. The red one 😉",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000012",
            "createdAt": "2024-03-11T22:13:42.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "If you won't talk to me I'll talk to your mum",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000013",
            "createdAt": "2024-03-12T22:30:19.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I'm outside. Your kitchen light is on",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000014",
            "createdAt": "2024-03-14T08:12:48.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Everyone at your work will hear my side",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000015",
            "createdAt": "2024-03-15T23:56:22.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Block me all you want. I have other ways",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000016",
            "createdAt": "2024-03-16T08:19:05.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "You'll regret ignoring me",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000017",
            "createdAt": "2024-03-17T19:01:39.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I'm not going anywhere, Sam",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000018",
            "createdAt": "2024-03-19T21:38:26.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I know you got home at 11:40 last night",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000019",
            "createdAt": "2024-03-21T08:47:54.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "You don't get to decide when this ends",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000020",
            "createdAt": "2024-03-21T21:35:45.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "If you won't talk to me I'll talk to your mum",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000021",
            "createdAt": "2024-03-22T19:50:23.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Nice coat today. The red one 😉",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000022",
            "createdAt": "2024-03-22T21:20:30.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I'm outside. Your kitchen light is on",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000023",
            "createdAt": "2024-03-23T12:11:00.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Everyone at your work will hear my side",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000024",
            "createdAt": "2024-03-23T19:51:19.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Block me all you want. I have other ways",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000025",
            "createdAt": "2024-03-25T21:57:20.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I'm not going anywhere, Sam",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000026",
            "createdAt": "2024-03-26T08:38:33.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "You'll regret ignoring me",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000027",
            "createdAt": "2024-03-26T23:29:21.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "You don't get to decide when this ends",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000028",
            "createdAt": "2024-03-27T12:47:18.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "I know you got home at 11:40 last night",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000029",
            "createdAt": "2024-03-27T19:55:06.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "Nice coat today. The red one 😉",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000030",
            "createdAt": "2024-03-28T08:52:49.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "1500000000000000123",
            "reactions": [],
            "urls": [],
            "text": "If you won't talk to me I'll talk to your mum",
            "mediaUrls": [],
            "senderId": "1500000000000000456",
            "id": "1766000000000000031",
            "createdAt": "2024-03-29T08:01:25.000Z"
          }
        }
      ]
    }
  }
]