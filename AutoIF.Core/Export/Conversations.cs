namespace AutoIF.Core.Export;

/// <summary>Builds the message lists the chat formats share, so every writer orders turns the same way.</summary>
internal static class Conversations
{
    /// <summary>[system?] + history turns + the prompt, with the given role names; the answer is appended by the caller.</summary>
    public static List<MessageTurn> Prompt(string prompt, string? system, IReadOnlyList<HistoryTurn>? history, string user, string assistant, string? systemRole)
    {
        var messages = new List<MessageTurn>(2 + (history?.Count ?? 0) * 2);
        if (system is not null && systemRole is not null)
        {
            messages.Add(new MessageTurn(systemRole, system));
        }
        if (history is not null)
        {
            foreach (var turn in history)
            {
                messages.Add(new MessageTurn(user, turn.Query));
                messages.Add(new MessageTurn(assistant, turn.Answer));
            }
        }
        messages.Add(new MessageTurn(user, prompt));
        return messages;
    }

    public static void WriteMessages(System.Text.Json.Utf8JsonWriter json, string propertyName, IEnumerable<MessageTurn> messages, string roleKey, string contentKey)
    {
        json.WriteStartArray(propertyName);
        foreach (var message in messages)
        {
            WriteMessage(json, message, roleKey, contentKey);
        }
        json.WriteEndArray();
    }

    public static void WriteMessage(System.Text.Json.Utf8JsonWriter json, MessageTurn message, string roleKey, string contentKey)
    {
        json.WriteStartObject();
        json.WriteString(roleKey, message.Role);
        json.WriteString(contentKey, message.Content);
        json.WriteEndObject();
    }
}
