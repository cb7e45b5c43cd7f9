using System.Text;
using KioskAgent.Journal;

namespace KioskAgent.CentralLink;

/// <summary>
/// Groups outbox entries, in sequence order, into the messages that carry them: runs of up to
/// <c>maxCount</c> entries whose payloads stay below <c>maxBytes</c> together. An entry too large
/// to share a message goes alone. The payload of a group of several is the proto3 JSON of a
/// <c>kiosk.v1.TransactionBatch</c>, built from the entries' stored JSON as committed, so every
/// transaction reaches central exactly as it would have alone.
/// </summary>
public static class OutboxBatches
{
    private const string Head = "{\"transactions\":[";
    private const string Tail = "]}";

    public static IReadOnlyList<IReadOnlyList<JournalEntry>> Group(IReadOnlyList<JournalEntry> entries, int maxCount, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var groups = new List<IReadOnlyList<JournalEntry>>();
        var current = new List<JournalEntry>();
        var bytes = Head.Length + Tail.Length;
        foreach (var entry in entries)
        {
            // +1 for the comma between elements.
            var size = Encoding.UTF8.GetByteCount(entry.Payload) + 1;
            if (current.Count > 0 && (current.Count >= maxCount || bytes + size > maxBytes))
            {
                groups.Add(current);
                current = [];
                bytes = Head.Length + Tail.Length;
            }

            current.Add(entry);
            bytes += size;
        }

        if (current.Count > 0)
        {
            groups.Add(current);
        }

        return groups;
    }

    /// <summary>The <c>kiosk.v1.TransactionBatch</c> JSON of several entries.</summary>
    public static string BatchPayload(IReadOnlyList<JournalEntry> group)
    {
        var builder = new StringBuilder(Head, Head.Length + Tail.Length + group.Sum(e => e.Payload.Length + 1));
        for (var i = 0; i < group.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            builder.Append(group[i].Payload);
        }

        return builder.Append(Tail).ToString();
    }
}
