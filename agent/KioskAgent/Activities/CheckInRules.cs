using KioskAgent.Members;

namespace KioskAgent.Activities;

/// <summary>
/// The check-in rule engine: exactly one outcome per tap. Pure: it reads the request and the clock,
/// nothing else. The card comes first (a lost card is "lost", not "already checked in"); when several
/// other rules fail, the one closest to passing is reported (the order of <see cref="CheckInOutcome"/>:
/// a duplicate has passed once already, a full activity passes when someone leaves, too early passes by
/// waiting, too late and not eligible do not pass at all), the rest are listed for staff.
/// </summary>
public sealed class CheckInRules(TimeProvider time)
{
    public CheckInDecision Decide(CheckInRequest request)
    {
        var now = time.GetUtcNow();
        var zone = request.SiteZone;
        var member = request.Member;
        var card = member?.Cards.FirstOrDefault(c => Matches(c, request.Card));
        if (member is null || card is null)
        {
            return Decision(CheckInOutcome.UnknownCard, CheckInTexts.UnknownCard, "card not in the member data") with { Direction = request.Direction };
        }

        var state = StateOn(card, SiteDay(now, zone));
        if (state != CardState.Active)
        {
            return Decision(CheckInOutcome.CardRefused, CheckInTexts.CardRefused(state), $"card state {state}") with { CardState = state, Direction = request.Direction };
        }

        var ledger = new AttendanceLedger(request.Activity.Id, request.History);
        return request.Activity.Attendance == AttendanceMode.EntryAndExit && request.Direction == TapDirection.Exit
            ? Exit(ledger, member, zone)
            : Entry(request, ledger, member, card, now);
    }

    /// <summary>An active card past its validity date counts as expired, as everywhere else.</summary>
    internal static CardState StateOn(MemberCard card, DateOnly siteDay) =>
        card.State == CardState.Active && card.ValidUntil is { } until && siteDay > until ? CardState.Expired : card.State;

    private static CheckInDecision Exit(AttendanceLedger ledger, Member member, TimeZoneInfo zone)
    {
        var mine = ledger.Of(member.MemberNumber);
        if (!ledger.IsInside(member.MemberNumber))
        {
            var detail = mine.Count == 0 ? "no entry recorded" : $"last exit {CheckInTexts.At(mine[^1].At, zone)} at {mine[^1].KioskId}";
            return Decision(CheckInOutcome.ExitWithoutEntry, CheckInTexts.ExitWithoutEntry, detail) with
            {
                Direction = TapDirection.Exit, Previous = mine.Count == 0 ? null : mine[^1], Count = ledger.Inside,
            };
        }

        return Decision(CheckInOutcome.Accepted, CheckInTexts.ExitAccepted, "exit") with { Direction = TapDirection.Exit, Count = ledger.Inside - 1 };
    }

    private static CheckInDecision Entry(CheckInRequest request, AttendanceLedger ledger, Member member, MemberCard card, DateTimeOffset now)
    {
        var activity = request.Activity;
        var failures = new List<CheckInDecision>();
        AddIfAny(failures, Duplicate(activity, ledger, member.MemberNumber, now, request.SiteZone));
        AddIfAny(failures, CapacityFull(activity, ledger, member.MemberNumber));
        AddIfAny(failures, Window(activity.Window, now, request.SiteZone));
        if (EligibilityCheck.FirstFailure(request, member, card) is { } ineligible)
        {
            failures.Add(Decision(CheckInOutcome.NotEligible, CheckInTexts.NotEligible(ineligible.Rule), ineligible.Why) with { Ineligible = ineligible.Rule });
        }

        var count = Count(activity, ledger);
        if (failures.Count == 0)
        {
            var after = activity.Attendance == AttendanceMode.EntryOnly && ledger.HasAttended(member.MemberNumber) ? count : count + 1;
            return Decision(CheckInOutcome.Accepted, CheckInTexts.Accepted, request.CutOff ? "entry (provisional: cut off from central)" : "entry") with
            {
                Points = activity.Points, Count = after, Capacity = activity.Capacity, Provisional = request.CutOff,
            };
        }

        var ordered = failures.OrderBy(f => f.Outcome).ToList();
        return ordered[0] with { AlsoFailed = [.. ordered.Skip(1).Select(f => f.Outcome)], Count = count, Capacity = activity.Capacity };
    }

    private static CheckInDecision? Duplicate(Activity activity, AttendanceLedger ledger, string memberNumber, DateTimeOffset now, TimeZoneInfo zone)
    {
        var entries = ledger.Of(memberNumber).Where(r => r.Direction == TapDirection.Entry).ToList();
        var inside = activity.Attendance == AttendanceMode.EntryAndExit && ledger.IsInside(memberNumber);
        var (previous, nextAllowed) = inside
            ? (entries[^1], null)
            : activity.Repeat.Kind switch
            {
                RepeatKind.OncePerActivity => (entries.FirstOrDefault(), null),
                RepeatKind.OncePerSiteDay => (entries.FirstOrDefault(r => SiteDay(r.At, zone) == SiteDay(now, zone)), null),
                _ => entries.LastOrDefault() is { } last && now - last.At < activity.Repeat.MinInterval
                    ? (last, last.At + activity.Repeat.MinInterval)
                    : ((CheckInRecord?)null, (DateTimeOffset?)null),
            };
        if (previous is null)
        {
            return null;
        }

        var detail = $"checked in {CheckInTexts.At(previous.At, zone)} at {previous.KioskId}{(previous.Provisional ? " (provisional)" : "")}"
            + (nextAllowed is { } next ? $"; again from {CheckInTexts.At(next, zone)}" : "");
        return Decision(CheckInOutcome.AlreadyCheckedIn, CheckInTexts.AlreadyCheckedIn, detail) with { Previous = previous, NextAllowedAt = nextAllowed };
    }

    private static CheckInDecision? CapacityFull(Activity activity, AttendanceLedger ledger, string memberNumber)
    {
        // A member already counted (entry only) takes no new place.
        var counted = activity.Attendance == AttendanceMode.EntryOnly && ledger.HasAttended(memberNumber);
        return activity.Capacity is { } capacity && !counted && Count(activity, ledger) >= capacity
            ? Decision(CheckInOutcome.CapacityFull, CheckInTexts.CapacityFull, $"{Count(activity, ledger)} of {capacity} places taken")
            : null;
    }

    private static CheckInDecision? Window(ActivityWindow window, DateTimeOffset now, TimeZoneInfo zone)
    {
        if (now < window.AcceptsFrom)
        {
            return Decision(CheckInOutcome.TooEarly, CheckInTexts.TooEarly, $"opens at {CheckInTexts.At(window.AcceptsFrom, zone)}") with { OpensAt = window.AcceptsFrom };
        }

        return now >= window.AcceptsUntil
            ? Decision(CheckInOutcome.TooLate, CheckInTexts.TooLate, $"closed at {CheckInTexts.At(window.AcceptsUntil, zone)}") with { ClosedAt = window.AcceptsUntil }
            : null;
    }

    private static int Count(Activity activity, AttendanceLedger ledger) =>
        activity.Attendance == AttendanceMode.EntryAndExit ? ledger.Inside : ledger.Attended;

    private static DateOnly SiteDay(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    private static bool Matches(MemberCard card, string tapped) =>
        (card.Uid.Length > 0 && string.Equals(card.Uid, tapped, StringComparison.OrdinalIgnoreCase))
        || (card.Number.Length > 0 && string.Equals(card.Number, tapped, StringComparison.Ordinal));

    private static void AddIfAny(List<CheckInDecision> failures, CheckInDecision? failure)
    {
        if (failure is not null)
        {
            failures.Add(failure);
        }
    }

    private static CheckInDecision Decision(CheckInOutcome outcome, string reason, string detail) =>
        new() { Outcome = outcome, Reason = reason, Detail = detail };
}
