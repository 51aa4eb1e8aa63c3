window.YTD.direct_messages.part0 = [
  {
    "dmConversation": {
      "conversationId": "100-200",
      "messages": [
        {
          "messageCreate": {
            "recipientId": "100",
            "senderId": "200",
            "id": "9002",
            "text": "Sure, send it over",
            "reactions": [],
            "urls": [],
            "mediaUrls": [],
            "createdAt": "2026-11-15T10:30:00.000Z"
          }
        },
        {
          "messageCreate": {
            "recipientId": "200",
            "senderId": "100",
            "id": "9001",
            "text": "Can I share the draft with you?",
            "reactions": [],
            "urls": [],
            "mediaUrls": [],
            "createdAt": "2026-11-15T10:00:00.000Z"
          }
        }
      ]
    }
  }
]