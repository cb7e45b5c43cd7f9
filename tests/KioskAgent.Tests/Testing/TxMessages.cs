using System.Text.Json;

namespace KioskAgent.Tests.Testing;

/// <summary>
/// The transactions in messages seen on a kiosk's <c>tx</c> topic, in the order they came: a
/// message carries one (<c>kiosk.v1.Transaction</c>) or, when a backlog went out, several
/// (<c>kiosk.v1.TransactionBatch</c>, named by the <c>schema</c> user property).
/// </summary>
public static class TxMessages
{
    public const string BatchSchema = "kiosk.v1.TransactionBatch";

    /// <summary>Each transaction's proto3 JSON.</summary>
    public static IReadOnlyList<string> Payloads(IEnumerable<ReceivedMessage> messages) =>
        [.. messages.SelectMany(m => m.UserProperty("schema") == BatchSchema
            ? JsonDocument.Parse(m.Payload).RootElement.GetProperty("transactions").EnumerateArray().Select(t => t.GetRawText())
            : [m.Payload])];

    public static IReadOnlyList<JsonElement> Elements(IEnumerable<ReceivedMessage> messages) =>
        [.. Payloads(messages).Select(p => JsonDocument.Parse(p).RootElement)];
}
