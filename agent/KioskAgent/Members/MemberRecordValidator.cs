using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KioskAgent.Contracts.V1;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Rewards;

namespace KioskAgent.Members;

/// <summary>
/// Checks member data from central or an import file and maps it onto the domain types. Reports
/// every problem with the record's position (never stops at the first), so an import can name the
/// lines to fix. Checks one batch on its own: duplicates against data already in the cache are the
/// cache's job. Pure.
/// </summary>
public static class MemberRecordValidator
{
    public const int MaxMemberNumberLength = 32;
    private const int MaxTextLength = 128;
    private const int MaxQrTokenLength = 512;
    private const int MaxAppliedTransactionIds = 1_000;

    /// <summary>
    /// Validates a batch. Member level codes are checked against <paramref name="levelCodes"/> when
    /// given and not empty, else against the batch's own levels when it has any.
    /// </summary>
    public static MemberBatchValidation Validate(MemberBatch batch, IReadOnlySet<string>? levelCodes = null) =>
        Validate(batch.Members, batch.Levels, batch.Gifts, levelCodes ?? batch.Levels.Select(l => l.Code).ToHashSet(StringComparer.Ordinal), MemberDataSections.Batch);

    /// <summary>Validates the parts of a batch or delta; <paramref name="sections"/> names the lists in problems.</summary>
    public static MemberBatchValidation Validate(
        IReadOnlyList<MemberRecord> members,
        IReadOnlyList<LevelRecord> levels,
        IReadOnlyList<GiftRecord> gifts,
        IReadOnlySet<string>? levelCodes,
        MemberDataSections sections)
    {
        var problems = new List<MemberDataProblem>();
        var mappedLevels = levels.Select((l, i) => MapLevel(l, i, sections.Levels, problems)).ToList();
        CheckUnique(levels.Select(l => l.Code), sections.Levels, "code", "level", problems);
        var mappedGifts = gifts.Select((g, i) => MapGift(g, i, sections.Gifts, problems)).ToList();
        CheckUnique(gifts.Select(g => g.Code), sections.Gifts, "code", "gift", problems);

        var check = levelCodes is { Count: > 0 } ? levelCodes : null;
        var mappedMembers = new List<Member>(members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            mappedMembers.Add(new MemberMapping(members[i], i, sections.Members, problems).Map(check));
        }

        CheckUnique(mappedMembers.Select(m => m.MemberNumber), sections.Members, "member_number", "member number", problems);
        CheckUniqueKeys(mappedMembers, sections.Members, problems);
        return new MemberBatchValidation(mappedMembers, mappedLevels, mappedGifts, problems);
    }

    /// <summary>True for 1–32 letters, digits, '-', '_' or '.', starting with a letter or digit.</summary>
    public static bool IsValidMemberNumber(string? number) =>
        !string.IsNullOrEmpty(number)
        && number.Length <= MaxMemberNumberLength
        && char.IsAsciiLetterOrDigit(number[0])
        && number.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>Maps a record the cache stored after validating it (so it has no problems to report).</summary>
    internal static Member MapStored(MemberRecord record) => new MemberMapping(record, 0, "stored", []).Map(null);

    internal static DateOnly? ParseDate(string text, string field, Action<string, string> problem)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problem(field, "is not a date (YYYY-MM-DD)");
        return null;
    }

    internal static DateTimeOffset? ParseTimestamp(Timestamp? timestamp, string field, Action<string, string> problem)
    {
        if (timestamp is null)
        {
            return null;
        }

        try
        {
            return timestamp.ToDateTimeOffset();
        }
        catch (ArgumentException)
        {
            problem(field, "is not a valid timestamp");
            return null;
        }
    }

    internal static void NotNegative(long value, string field, Action<string, string> problem)
    {
        if (value < 0)
        {
            problem(field, "may not be negative");
        }
    }

    internal static void MaxLength(string value, int max, string field, Action<string, string> problem)
    {
        if (value.Length > max)
        {
            problem(field, $"is longer than {max} characters");
        }
    }

    private static MemberLevel MapLevel(LevelRecord record, int index, string section, List<MemberDataProblem> problems)
    {
        void Problem(string field, string message) => problems.Add(new MemberDataProblem(section, index, field, message));
        if (string.IsNullOrWhiteSpace(record.Code))
        {
            Problem("code", "is required");
        }

        MaxLength(record.Code, MaxMemberNumberLength, "code", Problem);
        MaxLength(record.Name, MaxTextLength, "name", Problem);
        NotNegative(record.Rank, "rank", Problem);
        NotNegative(record.ThresholdPoints, "threshold_points", Problem);
        return new MemberLevel
        {
            Code = record.Code,
            Name = string.IsNullOrWhiteSpace(record.Name) ? record.Code : record.Name,
            Rank = record.Rank,
            PointsThreshold = record.ThresholdPoints,
            Rights = [.. record.Rights],
        };
    }

    private static Gift MapGift(GiftRecord record, int index, string section, List<MemberDataProblem> problems)
    {
        void Problem(string field, string message) => problems.Add(new MemberDataProblem(section, index, field, message));
        if (string.IsNullOrWhiteSpace(record.Code))
        {
            Problem("code", "is required");
        }

        MaxLength(record.Code, MaxMemberNumberLength, "code", Problem);
        MaxLength(record.Name, MaxTextLength, "name", Problem);
        NotNegative(record.PointsPrice, "points_price", Problem);
        NotNegative(record.Stock, "stock", Problem);
        NotNegative(record.PerMemberLimit, "per_member_limit", Problem);
        return new Gift
        {
            Code = record.Code,
            Name = record.Name,
            PointsPrice = record.PointsPrice,
            Stock = record.Stock,
            PerMemberLimit = record.PerMemberLimit,
            Active = record.Active,
        };
    }

    private static void CheckUnique(IEnumerable<string> values, string section, string field, string what, List<MemberDataProblem> problems)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var value in values)
        {
            if (value.Length > 0 && !first.TryAdd(value, index))
            {
                problems.Add(new MemberDataProblem(section, index, field, $"duplicate {what}, also at {section}[{first[value]}]"));
            }

            index++;
        }
    }

    /// <summary>A card UID, card number or QR token may belong to one member only.</summary>
    private static void CheckUniqueKeys(List<Member> members, string section, List<MemberDataProblem> problems)
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            foreach (var (key, field) in MemberKeys.Unique(members[i]))
            {
                if (owners.TryGetValue(key, out var owner) && owner != i)
                {
                    problems.Add(new MemberDataProblem(section, i, field, $"{MemberKeys.Describe(key)} is already used by {section}[{owner}]"));
                }
                else
                {
                    owners[key] = i;
                }
            }
        }
    }

    /// <summary>One member record being checked and mapped; collects its problems.</summary>
    private sealed class MemberMapping(MemberRecord record, int index, string section, List<MemberDataProblem> problems)
    {
        public Member Map(IReadOnlySet<string>? levelCodes)
        {
            if (!IsValidMemberNumber(record.MemberNumber))
            {
                Problem("member_number", string.IsNullOrEmpty(record.MemberNumber) ? "is required" : "must be 1-32 letters, digits, '-', '_' or '.'");
            }

            MaxLength(record.Name, MaxTextLength, "name", Problem);
            if (record.Phone.Length > 32 || !record.Phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' '))
            {
                Problem("phone", "must be up to 32 digits, '+', '-' or spaces");
            }

            if (record.Level.Length > 0 && levelCodes is not null && !levelCodes.Contains(record.Level))
            {
                Problem("level", $"unknown level code '{record.Level}'");
            }

            if (record.Currency.Length > 0 && (record.Currency.Length != 3 || !record.Currency.All(char.IsAsciiLetterUpper)))
            {
                Problem("currency", "must be a 3-letter ISO 4217 code");
            }

            NotNegative(record.BalanceMinor, "balance_minor", Problem);
            NotNegative(record.Points, "points", Problem);
            NotNegative(record.PendingPoints, "pending_points", Problem);
            NotNegative(record.LifetimePoints, "lifetime_points", Problem);
            MaxLength(record.QrToken, MaxQrTokenLength, "qr_token", Problem);
            if (record.AppliedTransactionIds.Count > MaxAppliedTransactionIds || record.AppliedTransactionIds.Any(id => id.Length > MaxTextLength))
            {
                Problem("applied_transaction_ids", $"must be up to {MaxAppliedTransactionIds} ids of up to {MaxTextLength} characters");
            }

            return new Member
            {
                MemberNumber = record.MemberNumber,
                Name = record.Name,
                Phone = record.Phone.Trim(),
                Level = record.Level,
                BalanceMinor = record.BalanceMinor,
                Currency = record.Currency.Length == 0 ? "CNY" : record.Currency,
                Points = record.Points,
                PendingPoints = record.PendingPoints,
                LifetimePoints = record.LifetimePoints,
                PointsLots = [.. record.PointsLots.Select(MapLot)],
                Birthday = ParseDate(record.Birthday, "birthday", Problem),
                Tags = [.. record.Tags.Where(t => t.Length > 0)],
                Cards = [.. record.Cards.Select(MapCard)],
                QrToken = record.QrToken,
                Recent = record.Recent is null ? null : MapRecent(record.Recent),
                UpdatedAt = ParseTimestamp(record.UpdatedAt, "updated_at", Problem),
                AppliedTransactionIds = [.. record.AppliedTransactionIds.Where(id => id.Length > 0)],
            };
        }

        private PointsLot MapLot(PointsLotRecord lot, int i)
        {
            NotNegative(lot.Points, $"points_lots[{i}].points", Problem);
            return new PointsLot { Points = lot.Points, ExpiresOn = ParseDate(lot.ExpiresOn, $"points_lots[{i}].expires_on", Problem) };
        }

        private MemberCard MapCard(CardRecord card, int i)
        {
            var uid = "";
            if (card.Uid.Length > 0)
            {
                if (CardUid.TryParse(card.Uid, out var parsed))
                {
                    uid = parsed.Hex;
                }
                else
                {
                    Problem($"cards[{i}].uid", "is not a card UID (1 to 16 bytes of hex)");
                }
            }

            var number = card.CardNumber.Trim();
            MaxLength(number, 64, $"cards[{i}].card_number", Problem);
            MaxLength(card.CardType.Trim(), 32, $"cards[{i}].card_type", Problem);
            if (card.Uid.Length == 0 && number.Length == 0)
            {
                Problem($"cards[{i}]", "needs a uid or a card_number");
            }

            return new MemberCard
            {
                Uid = uid,
                Number = number,
                State = MapState(card.State, i),
                ValidUntil = ParseDate(card.ValidUntil, $"cards[{i}].valid_until", Problem),
                Subsidiary = card.Subsidiary,
                Type = card.CardType.Trim(),
            };
        }

        private CardState MapState(MemberCardState state, int i)
        {
            switch (state)
            {
                case MemberCardState.Active: return CardState.Active;
                case MemberCardState.Lost: return CardState.Lost;
                case MemberCardState.Frozen: return CardState.Frozen;
                case MemberCardState.Cancelled: return CardState.Cancelled;
                case MemberCardState.Expired: return CardState.Expired;
                case MemberCardState.Replaced: return CardState.Replaced;
                default:
                    Problem($"cards[{i}].state", $"unknown card state {(int)state}");
                    return CardState.Frozen;
            }
        }

        private MemberActivitySummary MapRecent(RecentActivity recent)
        {
            if (recent.VisitsLast30Days < 0)
            {
                Problem("recent.visits_last_30_days", "may not be negative");
            }

            return new MemberActivitySummary
            {
                LastVisitAt = ParseTimestamp(recent.LastVisitAt, "recent.last_visit_at", Problem),
                VisitsLast30Days = recent.VisitsLast30Days,
                Lines = [.. recent.Lines.Select((l, i) => new MemberActivityLine
                {
                    At = ParseTimestamp(l.At, $"recent.lines[{i}].at", Problem) ?? DateTimeOffset.UnixEpoch,
                    Kind = l.Kind,
                    PointsDelta = l.PointsDelta,
                    AmountMinor = l.AmountMinor,
                })],
            };
        }

        private void Problem(string field, string message) => problems.Add(new MemberDataProblem(section, index, field, message));
    }
}
