using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;

namespace KioskAgent.Members;

/// <summary>
/// A validated member as the binary protobuf of its <see cref="MemberRecord"/> and back. Only
/// validated members are stored, so reading one back cannot fail validation.
/// </summary>
internal static class MemberRecordCodec
{
    public static Member FromRecord(ReadOnlySpan<byte> bytes) => MemberRecordValidator.MapStored(MemberRecord.Parser.ParseFrom(bytes));

    public static MemberRecord ToRecord(Member m)
    {
        var record = new MemberRecord
        {
            MemberNumber = m.MemberNumber,
            Name = m.Name,
            Phone = m.Phone,
            Level = m.Level,
            BalanceMinor = m.BalanceMinor,
            Currency = m.Currency,
            Points = m.Points,
            PendingPoints = m.PendingPoints,
            LifetimePoints = m.LifetimePoints,
            Birthday = Date(m.Birthday),
            QrToken = m.QrToken,
            UpdatedAt = m.UpdatedAt is { } updated ? Timestamp.FromDateTimeOffset(updated) : null,
            Recent = m.Recent is { } recent ? ToRecord(recent) : null,
        };
        record.PointsLots.AddRange(m.PointsLots.Select(l => new PointsLotRecord { Points = l.Points, ExpiresOn = Date(l.ExpiresOn) }));
        record.Tags.AddRange(m.Tags);
        record.AppliedTransactionIds.AddRange(m.AppliedTransactionIds);
        record.Cards.AddRange(m.Cards.Select(c => new CardRecord
        {
            Uid = c.Uid,
            CardNumber = c.Number,
            State = ToRecord(c.State),
            ValidUntil = Date(c.ValidUntil),
            Subsidiary = c.Subsidiary,
            CardType = c.Type,
        }));
        return record;
    }

    private static RecentActivity ToRecord(MemberActivitySummary recent)
    {
        var record = new RecentActivity
        {
            LastVisitAt = recent.LastVisitAt is { } at ? Timestamp.FromDateTimeOffset(at) : null,
            VisitsLast30Days = recent.VisitsLast30Days,
        };
        record.Lines.AddRange(recent.Lines.Select(l => new ActivityLine { At = Timestamp.FromDateTimeOffset(l.At), Kind = l.Kind, PointsDelta = l.PointsDelta, AmountMinor = l.AmountMinor }));
        return record;
    }

    private static MemberCardState ToRecord(CardState state) => state switch
    {
        CardState.Active => MemberCardState.Active,
        CardState.Lost => MemberCardState.Lost,
        CardState.Frozen => MemberCardState.Frozen,
        CardState.Cancelled => MemberCardState.Cancelled,
        CardState.Expired => MemberCardState.Expired,
        CardState.Replaced => MemberCardState.Replaced,
        _ => MemberCardState.Unspecified,
    };

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
