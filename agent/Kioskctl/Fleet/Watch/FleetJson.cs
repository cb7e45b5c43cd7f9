using System.Text;
using System.Text.Json;
using KioskAgent.Central.Fleet;

namespace Kioskctl.Fleet.Watch;

/// <summary>A fleet snapshot as one line of JSON, for scripts: {"at", "summary", "kiosks": [...]}.</summary>
public static class FleetJson
{
    public static string Format(IReadOnlyList<FleetKiosk> rows, IReadOnlyCollection<FleetKiosk> fleet, DateTimeOffset now, TimeSpan silentAfter)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("at", now);
            var summary = FleetSummary.Of(fleet, now, silentAfter);
            w.WriteStartObject("summary");
            w.WriteNumber("kiosks", summary.Kiosks);
            w.WriteNumber("online", summary.Online);
            w.WriteNumber("silent", summary.Silent);
            w.WriteNumber("offline", summary.Offline);
            w.WriteNumber("withFaults", summary.WithFaults);
            w.WriteNumber("backlog", summary.Backlog);
            w.WriteEndObject();
            w.WriteStartArray("kiosks");
            foreach (var k in rows)
            {
                Kiosk(w, k, now, silentAfter);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Kiosk(Utf8JsonWriter w, FleetKiosk k, DateTimeOffset now, TimeSpan silentAfter)
    {
        w.WriteStartObject();
        w.WriteString("siteId", k.SiteId);
        w.WriteString("kioskId", k.KioskId);
        w.WriteString("state", FleetTable.StateText(k, now, silentAfter));
        w.WriteBoolean("hasFaults", k.HasFaults);
        w.WriteString("reason", k.StateReason);
        w.WriteNumber("sessionSeq", k.SessionSeq);
        Time(w, "lastSeen", k.LastSeen);
        w.WriteString("agentVersion", k.AgentVersion);
        if (k.HasHealth)
        {
            Time(w, "healthAt", k.HealthAt);
            w.WriteNumber("outboxPending", k.OutboxPending);
            Time(w, "outboxOldestAt", k.OutboxOldestAt);
            w.WriteBoolean("outboxAlarm", k.OutboxAlarm);
            w.WriteString("journalFault", k.JournalFault);
            w.WriteNumber("syncVersion", k.SyncVersion);
            Time(w, "syncAt", k.SyncAt);
            w.WriteNumber("refusedTaps", k.RefusedTaps);
            w.WriteNumber("rejectedMessages", k.RejectedMessages);
        }

        w.WriteStartArray("problems");
        foreach (var p in k.Problems)
        {
            w.WriteStartObject();
            w.WriteString("deviceId", p.DeviceId);
            w.WriteString("kind", p.Kind);
            w.WriteString("level", p.Level.ToString().ToLowerInvariant());
            w.WriteString("reason", p.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Time(Utf8JsonWriter w, string name, DateTimeOffset? at)
    {
        if (at is { } t)
        {
            w.WriteString(name, t);
        }
    }
}
