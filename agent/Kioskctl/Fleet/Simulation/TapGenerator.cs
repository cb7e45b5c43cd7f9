using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace Kioskctl.Fleet.Simulation;

/// <summary>
/// Check-in traffic of one simulated kiosk: card taps arriving as a Poisson process, most accepted,
/// some refused for the reasons real kiosks give. Seeded, so a run can be repeated.
/// </summary>
public sealed class TapGenerator(Random random, double ratePerMinute, double refusedShare)
{
    private static readonly string[] RefusalReasons = ["card_unknown", "card_lost", "card_frozen", "card_expired"];

    /// <summary>Time to the next tap: exponential with mean 60 s / rate.</summary>
    public TimeSpan NextGap() =>
        ratePerMinute <= 0 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) * 60 / ratePerMinute);

    public Transaction Next(string siteId, string kioskId, DateTimeOffset now)
    {
        var uid = new byte[7];
        random.NextBytes(uid);
        uid[0] = 0x04; // NXP manufacturer byte, as on the real MIFARE / NTAG cards.
        var refused = random.NextDouble() < refusedShare;
        var reason = refused ? RefusalReasons[random.Next(RefusalReasons.Length)] : "";
        var tap = new CardTap
        {
            ReaderId = "member-1",
            CardUid = Convert.ToHexString(uid),
            MemberNumber = reason == "card_unknown" ? "" : (80000000 + random.Next(1_000_000)).ToString(CultureInfo.InvariantCulture),
            Accepted = !refused,
            RefusalReason = reason,
        };
        return new Transaction
        {
            Id = Guid.CreateVersion7(now).ToString(),
            SiteId = siteId,
            KioskId = kioskId,
            OccurredAt = Timestamp.FromDateTimeOffset(now),
            CardTap = tap,
        };
    }
}
