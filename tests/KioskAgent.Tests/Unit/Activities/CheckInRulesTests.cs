using KioskAgent.Activities;
using KioskAgent.Members;
using KioskAgent.Tests.Testing;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Activities;

[Trait("Category", TestCategories.Unit)]
public sealed class CheckInRulesTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // 2026-12-06 10:00 in Shanghai (UTC+8, no DST).
    private static readonly DateTimeOffset Opens = new(2026, 12, 6, 10, 0, 0, TimeSpan.FromHours(8));

    private FakeTimeProvider _time = new(Opens);

    /// <summary>Sets the clock, also backwards (a FakeTimeProvider only moves forward).</summary>
    private void At(DateTimeOffset now) => _time = new FakeTimeProvider(now);

    private static Activity Event(Func<Activity, Activity>? change = null)
    {
        var activity = new Activity
        {
            Id = "evt-1",
            Name = "周年庆",
            Window = new ActivityWindow(Opens, Opens.AddHours(2), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(10)),
            Points = 50,
        };
        return change is null ? activity : change(activity);
    }

    private static Member Alice(CardState state = CardState.Active, string level = "gold", string cardType = "points", DateOnly? validUntil = null) => new()
    {
        MemberNumber = "M001",
        Level = level,
        Tags = ["vip"],
        Cards = [new MemberCard { Uid = "04A1B2C3", Number = "8800001", State = state, Type = cardType, ValidUntil = validUntil }],
    };

    private static CheckInRecord Entry(DateTimeOffset at, string member = "M001", string kiosk = "kiosk-b", bool provisional = false) =>
        new("evt-1", member, TapDirection.Entry, at, kiosk, provisional);

    private static CheckInRecord Exit(DateTimeOffset at, string member = "M001") => new("evt-1", member, TapDirection.Exit, at, "kiosk-a");

    private CheckInDecision Tap(Activity activity, Member? member = null, IReadOnlyList<CheckInRecord>? history = null, TapDirection direction = TapDirection.Entry, TimeZoneInfo? zone = null, DrawStanding drawn = DrawStanding.NotHeld, string card = "04a1b2c3") =>
        new CheckInRules(_time).Decide(new CheckInRequest
        {
            Activity = activity,
            Member = member,
            Card = card,
            Direction = direction,
            History = history ?? [],
            SiteZone = zone ?? Shanghai,
            DrawStanding = drawn,
        });

    [Fact]
    public void Accepted_EarnsThePointsAndCounts()
    {
        var decision = Tap(Event(), Alice());

        Assert.Equal(CheckInOutcome.Accepted, decision.Outcome);
        Assert.Equal(50, decision.Points);
        Assert.Equal(1, decision.Count);
        Assert.Contains("Checked in", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepted_WhileCutOff_IsProvisional()
    {
        var decision = new CheckInRules(_time).Decide(new CheckInRequest { Activity = Event(), Member = Alice(), Card = "04A1B2C3", SiteZone = Shanghai, CutOff = true });

        Assert.True(decision.IsAccepted);
        Assert.True(decision.Provisional);
        Assert.False(Tap(Event(), Alice()).Provisional);
    }

    [Fact]
    public void CardNumber_IsAcceptedLikeTheUid()
    {
        Assert.True(Tap(Event(), Alice(), card: "8800001").IsAccepted);
    }

    [Fact]
    public void UnknownCard_WithoutMemberOrCard_IsUnknown()
    {
        Assert.Equal(CheckInOutcome.UnknownCard, Tap(Event(), member: null).Outcome);
        Assert.Equal(CheckInOutcome.UnknownCard, Tap(Event(), Alice(), card: "FFFFFFFF").Outcome);
    }

    [Theory]
    [InlineData(CardState.Lost, "lost")]
    [InlineData(CardState.Frozen, "frozen")]
    [InlineData(CardState.Cancelled, "cancelled")]
    [InlineData(CardState.Expired, "expired")]
    [InlineData(CardState.Replaced, "replaced")]
    public void CardRefused_SaysItsState(CardState state, string word)
    {
        var decision = Tap(Event(), Alice(state));

        Assert.Equal(CheckInOutcome.CardRefused, decision.Outcome);
        Assert.Equal(state, decision.CardState);
        Assert.Contains(word, decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CardPastItsValidityDate_InTheSiteCalendar_IsExpired()
    {
        // 2026-12-06 00:30 in Shanghai is still 2026-12-05 in UTC: the site's day decides.
        At(new DateTimeOffset(2026, 12, 6, 0, 30, 0, TimeSpan.FromHours(8)));
        var activity = Event(a => a with { Window = new ActivityWindow(Opens.AddDays(-1), Opens.AddDays(1)) });

        Assert.Equal(CardState.Expired, Tap(activity, Alice(validUntil: new DateOnly(2026, 12, 5))).CardState);
        Assert.True(Tap(activity, Alice(validUntil: new DateOnly(2026, 12, 6))).IsAccepted);
    }

    [Fact]
    public void LostCard_ThatIsAlsoADuplicate_IsLostNotAlready()
    {
        var decision = Tap(Event(), Alice(CardState.Lost), [Entry(Opens.AddMinutes(-5))]);

        Assert.Equal(CheckInOutcome.CardRefused, decision.Outcome);
        Assert.Equal(CardState.Lost, decision.CardState);
    }

    [Fact]
    public void AlreadyCheckedIn_SaysWhenAndWhere()
    {
        var earlier = Entry(Opens.AddMinutes(-3), kiosk: "kiosk-b", provisional: true);
        _time.Advance(TimeSpan.FromMinutes(1));

        var decision = Tap(Event(), Alice(), [earlier]);

        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, decision.Outcome);
        Assert.Equal(earlier, decision.Previous);
        Assert.Contains("2026-12-06 09:57:00 +08:00 at kiosk-b (provisional)", decision.Detail, StringComparison.Ordinal);
        Assert.Equal(0, decision.Points);
    }

    [Fact]
    public void History_OfOtherActivitiesAndMembers_DoesNotCount()
    {
        var history = new[] { Entry(Opens, member: "M002"), new CheckInRecord("evt-other", "M001", TapDirection.Entry, Opens, "kiosk-b") };
        Assert.True(Tap(Event(), Alice(), history).IsAccepted);
    }

    [Fact]
    public void Window_EarlyToleranceBoundary_IsInclusive()
    {
        At(Opens.AddMinutes(-15));
        Assert.True(Tap(Event(), Alice()).IsAccepted);

        At(Opens.AddMinutes(-15).AddTicks(-1));
        var decision = Tap(Event(), Alice());
        Assert.Equal(CheckInOutcome.TooEarly, decision.Outcome);
        Assert.Equal(Opens.AddMinutes(-15), decision.OpensAt);
        Assert.Contains("opens at 2026-12-06 09:45:00 +08:00", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Window_LateToleranceBoundary_IsExclusive()
    {
        At(Opens.AddHours(2).AddMinutes(10).AddTicks(-1));
        Assert.True(Tap(Event(), Alice()).IsAccepted);

        At(Opens.AddHours(2).AddMinutes(10));
        var decision = Tap(Event(), Alice());
        Assert.Equal(CheckInOutcome.TooLate, decision.Outcome);
        Assert.Equal(Opens.AddHours(2).AddMinutes(10), decision.ClosedAt);
    }

    [Fact]
    public void OncePerSiteDay_TurnsOverAtShanghaiMidnight_NotUtc()
    {
        var allWeek = Event(a => a with { Window = new ActivityWindow(Opens.AddDays(-7), Opens.AddDays(7)), Repeat = RepeatRule.OncePerSiteDay });
        var lateEvening = new DateTimeOffset(2026, 12, 6, 23, 59, 0, TimeSpan.FromHours(8));
        var history = new[] { Entry(new DateTimeOffset(2026, 12, 6, 0, 1, 0, TimeSpan.FromHours(8))) };

        At(lateEvening);
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, Tap(allWeek, Alice(), history).Outcome);

        // 00:00 in Shanghai is 16:00 UTC the day before: a UTC day would call this the same day.
        At(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(8)));
        Assert.True(Tap(allWeek, Alice(), history).IsAccepted);
    }

    [Fact]
    public void OncePerSiteDay_InADstZone_UsesTheLocalMidnightOfTheShortAndLongDays()
    {
        var march = new DateTimeOffset(2026, 3, 8, 0, 30, 0, TimeSpan.FromHours(-5)); // EST, before the 02:00 spring-forward
        var activity = Event(a => a with { Window = new ActivityWindow(march.AddDays(-30), march.AddDays(300)), Repeat = RepeatRule.OncePerSiteDay });
        var history = new[] { Entry(march) };

        At(new DateTimeOffset(2026, 3, 8, 23, 59, 0, TimeSpan.FromHours(-4))); // EDT, same 23-hour day
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, Tap(activity, Alice(), history, zone: NewYork).Outcome);
        At(new DateTimeOffset(2026, 3, 9, 0, 0, 0, TimeSpan.FromHours(-4)));
        Assert.True(Tap(activity, Alice(), history, zone: NewYork).IsAccepted);

        var november = new[] { Entry(new DateTimeOffset(2026, 11, 1, 0, 10, 0, TimeSpan.FromHours(-4))) }; // EDT, before the fall-back
        At(new DateTimeOffset(2026, 11, 1, 23, 50, 0, TimeSpan.FromHours(-5))); // EST, same 25-hour day
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, Tap(activity, Alice(), november, zone: NewYork).Outcome);
    }

    [Fact]
    public void Repeatable_MinimumInterval_BoundaryAndNextAllowedTime()
    {
        var activity = Event(a => a with { Repeat = RepeatRule.Every(TimeSpan.FromMinutes(30)) });
        var history = new[] { Entry(Opens) };

        At(Opens.AddMinutes(30).AddTicks(-1));
        var tooSoon = Tap(activity, Alice(), history);
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, tooSoon.Outcome);
        Assert.Equal(Opens.AddMinutes(30), tooSoon.NextAllowedAt);

        At(Opens.AddMinutes(30));
        var again = Tap(activity, Alice(), history);
        Assert.True(again.IsAccepted);
        Assert.Equal(50, again.Points);
        Assert.Equal(1, again.Count); // the same member counts once
    }

    [Fact]
    public void OncePerActivity_RefusesTheNextDayToo()
    {
        var activity = Event(a => a with { Window = new ActivityWindow(Opens, Opens.AddDays(3)) });
        At(Opens.AddDays(1));
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, Tap(activity, Alice(), [Entry(Opens)]).Outcome);
    }

    [Fact]
    public void Capacity_Full_RefusesNewMembers_ButNotOnesAlreadyCounted()
    {
        var activity = Event(a => a with { Capacity = 2, Repeat = RepeatRule.Every(TimeSpan.Zero) });
        var full = new[] { Entry(Opens, member: "M002"), Entry(Opens, member: "M003") };

        var refused = Tap(activity, Alice(), full);
        Assert.Equal(CheckInOutcome.CapacityFull, refused.Outcome);
        Assert.Equal(2, refused.Count);
        Assert.Equal(2, refused.Capacity);

        Assert.True(Tap(activity, Alice(), [Entry(Opens, member: "M002"), Entry(Opens.AddMinutes(-1))]).IsAccepted);
        Assert.True(Tap(activity, Alice(), full[..1]).IsAccepted);
    }

    [Fact]
    public void EntryAndExit_CountsWhoIsInside_AndAPlaceFreesOnExit()
    {
        var activity = Event(a => a with { Attendance = AttendanceMode.EntryAndExit, Capacity = 1, Repeat = RepeatRule.Every(TimeSpan.Zero) });
        var inside = new[] { Entry(Opens, member: "M002") };

        Assert.Equal(CheckInOutcome.CapacityFull, Tap(activity, Alice(), inside).Outcome);

        var left = new[] { Entry(Opens, member: "M002"), Exit(Opens.AddMinutes(1), member: "M002") };
        var decision = Tap(activity, Alice(), left);
        Assert.True(decision.IsAccepted);
        Assert.Equal(1, decision.Count);
    }

    [Fact]
    public void EntryAndExit_SecondEntryWhileInside_IsAlready_EvenWhenRepeatable()
    {
        var activity = Event(a => a with { Attendance = AttendanceMode.EntryAndExit, Repeat = RepeatRule.Every(TimeSpan.Zero) });
        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, Tap(activity, Alice(), [Entry(Opens)]).Outcome);
    }

    [Fact]
    public void Exit_WhileInside_IsAccepted_WithoutPoints_EvenAfterClosing()
    {
        var activity = Event(a => a with { Attendance = AttendanceMode.EntryAndExit });
        At(Opens.AddHours(5));

        var decision = Tap(activity, Alice(), [Entry(Opens), Entry(Opens, member: "M002")], TapDirection.Exit);

        Assert.True(decision.IsAccepted);
        Assert.Equal(TapDirection.Exit, decision.Direction);
        Assert.Equal(0, decision.Points);
        Assert.Equal(1, decision.Count);
    }

    [Fact]
    public void ExitWithoutEntry_NeverEntered_OrAlreadyLeft()
    {
        var activity = Event(a => a with { Attendance = AttendanceMode.EntryAndExit });

        Assert.Equal(CheckInOutcome.ExitWithoutEntry, Tap(activity, Alice(), [], TapDirection.Exit).Outcome);
        var left = Tap(activity, Alice(), [Entry(Opens), Exit(Opens.AddMinutes(5))], TapDirection.Exit);
        Assert.Equal(CheckInOutcome.ExitWithoutEntry, left.Outcome);
        Assert.Equal(TapDirection.Exit, left.Previous?.Direction);
    }

    [Fact]
    public void ExitTap_OnAnEntryOnlyActivity_IsAnEntry()
    {
        Assert.True(Tap(Event(), Alice(), [], TapDirection.Exit).IsAccepted);
    }

    [Fact]
    public void Eligibility_Levels()
    {
        var activity = Event(a => a with { Eligibility = new ActivityEligibility { Levels = new HashSet<string> { "gold", "diamond" } } });

        Assert.True(Tap(activity, Alice(level: "diamond")).IsAccepted);
        var refused = Tap(activity, Alice(level: "silver"));
        Assert.Equal(CheckInOutcome.NotEligible, refused.Outcome);
        Assert.Equal(EligibilityRule.Level, refused.Ineligible);
        Assert.Contains("'silver' is not one of diamond, gold", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligibility_Tags_AnyOneIsEnough()
    {
        var vip = Event(a => a with { Eligibility = new ActivityEligibility { Tags = new HashSet<string> { "vip", "staff-family" } } });
        var press = Event(a => a with { Eligibility = new ActivityEligibility { Tags = new HashSet<string> { "press" } } });

        Assert.True(Tap(vip, Alice()).IsAccepted);
        Assert.Equal(EligibilityRule.Tag, Tap(press, Alice()).Ineligible);
    }

    [Fact]
    public void Eligibility_CardTypes_AreTheTappedCards()
    {
        var storedValueOnly = Event(a => a with { Eligibility = new ActivityEligibility { CardTypes = new HashSet<string> { "stored_value" } } });

        Assert.True(Tap(storedValueOnly, Alice(cardType: "stored_value")).IsAccepted);
        Assert.Equal(EligibilityRule.CardType, Tap(storedValueOnly, Alice(cardType: "points")).Ineligible);
    }

    [Fact]
    public void Eligibility_InvitationList()
    {
        var invited = Event(a => a with { Eligibility = new ActivityEligibility { Invited = new HashSet<string> { "M001" } } });
        var others = Event(a => a with { Eligibility = new ActivityEligibility { Invited = new HashSet<string> { "M777" } } });

        Assert.True(Tap(invited, Alice()).IsAccepted);
        Assert.Equal(EligibilityRule.Invitation, Tap(others, Alice()).Ineligible);
    }

    [Fact]
    public void Eligibility_DrawnInDraw_Drawn_IsAccepted()
    {
        var selection = Event(a => a with { Eligibility = new ActivityEligibility { DrawnInDraw = "draw-xf", DrawAdmitFirst = 3 } });

        var decision = Tap(selection, Alice(), drawn: DrawStanding.Drawn);

        Assert.Equal(CheckInOutcome.Accepted, decision.Outcome);
        Assert.Null(decision.Ineligible);
    }

    [Fact]
    public void Eligibility_DrawnInDraw_NotDrawn_IsNotEligible_GroupNotCalled()
    {
        var selection = Event(a => a with { Eligibility = new ActivityEligibility { DrawnInDraw = "draw-xf", DrawAdmitFirst = 3 } });

        var decision = Tap(selection, Alice(), drawn: DrawStanding.NotDrawn);

        Assert.Equal((CheckInOutcome.NotEligible, EligibilityRule.Draw), (decision.Outcome, decision.Ineligible));
        Assert.Contains("group has not been called", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("first 3 places of draw draw-xf", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligibility_DrawnInDraw_NotRevealedYet_IsNotEligible_DrawNotHeldYet()
    {
        var selection = Event(a => a with { Eligibility = new ActivityEligibility { DrawnInDraw = "draw-xf" } });

        var decision = Tap(selection, Alice(), drawn: DrawStanding.NotHeld);

        Assert.Equal((CheckInOutcome.NotEligible, EligibilityRule.DrawNotHeld), (decision.Outcome, decision.Ineligible));
        Assert.Contains("draw has not been held yet", decision.Reason, StringComparison.Ordinal);
        Assert.Contains("draw draw-xf has not been held yet", decision.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligibility_DrawnInDraw_CheckedAfterTheOtherKinds_AndIgnoredWithoutADraw()
    {
        var both = Event(a => a with { Eligibility = new ActivityEligibility { Levels = new HashSet<string> { "diamond" }, DrawnInDraw = "draw-xf" } });

        Assert.Equal(EligibilityRule.Level, Tap(both, Alice(), drawn: DrawStanding.NotHeld).Ineligible);
        Assert.True(Tap(Event(), Alice(), drawn: DrawStanding.NotDrawn).IsAccepted);
    }

    [Fact]
    public void SeveralFailures_DuplicateIsClosestToPassing_OthersListedForStaff()
    {
        var goldOnly = Event(a => a with { Eligibility = new ActivityEligibility { Levels = new HashSet<string> { "gold" } }, Capacity = 1 });
        At(Opens.AddHours(3));

        var decision = Tap(goldOnly, Alice(level: "silver"), [Entry(Opens)]);

        Assert.Equal(CheckInOutcome.AlreadyCheckedIn, decision.Outcome);
        Assert.Equal(new[] { CheckInOutcome.TooLate, CheckInOutcome.NotEligible }, decision.AlsoFailed);
    }

    [Fact]
    public void SeveralFailures_FullBeforeEarlyBeforeIneligible()
    {
        var activity = Event(a => a with { Eligibility = new ActivityEligibility { Levels = new HashSet<string> { "gold" } }, Capacity = 1 });
        At(Opens.AddHours(-1));

        var full = Tap(activity, Alice(level: "silver"), [Entry(Opens.AddHours(-2), member: "M009")]);
        Assert.Equal(CheckInOutcome.CapacityFull, full.Outcome);
        Assert.Equal(new[] { CheckInOutcome.TooEarly, CheckInOutcome.NotEligible }, full.AlsoFailed);

        var early = Tap(activity, Alice(level: "silver"));
        Assert.Equal(CheckInOutcome.TooEarly, early.Outcome);
        Assert.Equal(new[] { CheckInOutcome.NotEligible }, early.AlsoFailed);
    }
}
