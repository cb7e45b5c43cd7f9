using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.CrossKiosk;

/// <summary>Conflicts as the staff screen lists them: kiosks, times and short codes, no personal data.</summary>
public static class ConflictLines
{
    /// <summary>The conflicts the screen gets, newest first, across activities (the feed picks the open activity's).</summary>
    public const int MaxLines = 200;

    public static IReadOnlyList<CheckInConflictLine> Of(IReadOnlyList<CrossKioskConflict> conflicts) =>
        [.. conflicts.Reverse().Take(MaxLines).Select(Line)];

    public static CheckInConflictLine Line(CrossKioskConflict conflict) => new()
    {
        ConflictId = conflict.ConflictId,
        ActivityId = conflict.ActivityId,
        FirstKioskId = conflict.First.Record.KioskId,
        FirstAt = Timestamp.FromDateTimeOffset(conflict.First.Record.At),
        FirstShortCode = conflict.First.ShortCode,
        SecondKioskId = conflict.Second.Record.KioskId,
        SecondAt = Timestamp.FromDateTimeOffset(conflict.Second.Record.At),
        SecondShortCode = conflict.Second.ShortCode,
        FoundBy = conflict.FromCentral ? "central" : "here",
    };
}
