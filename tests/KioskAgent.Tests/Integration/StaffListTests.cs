using KioskAgent.Central;
using KioskAgent.Central.Members;
using KioskAgent.Contracts.Staff;
using KioskAgent.Contracts.V1;
using KioskAgent.Tests.Testing;
using Xunit.Abstractions;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// The staff list as a shop runs it: central sends it with the member data (snapshot, then deltas),
/// a real agent process takes it, and a staff card at a member reader opens the PIN pad; the PIN
/// opens staff mode, every step reaches central as a StaffAction transaction, a changed PIN and a
/// removed staff member take effect with the next delta, and 100 parallel wrong PINs through the
/// agent's own gRPC API get no more than the limit checked.
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class StaffListTests(ITestOutputHelper output)
{
    private const string StaffCard = "5A00C0DE";
    private const string FirstPin = "1357";
    private const string SecondPin = "8642";
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TheStaffListFromCentral_OpensStaffMode_FollowsDeltas_AndLocksOutParallelGuesses()
    {
        await using var broker = await MosquittoBroker.StartAsync();
        var dataset = MemberDatasetGenerator.Generate(3);
        dataset.SetStaff(Staff(FirstPin));
        var members = new CentralMembers(dataset);
        await using var central = await ReferenceCentral.StartAsync("127.0.0.1", broker.Port, new ReferenceCentralOptions { Signer = TestCentralKey.Signer, Parts = { members } });
        var settings = new AgentSettings
        {
            BrokerPort = broker.Port,
            Extra = new Dictionary<string, string>
            {
                ["Central__TelemetrySeconds"] = "1",
                ["Staff__MaxPinTries"] = "5",
                // Long enough that the lockout outlasts the rest of the test on a slow machine.
                ["Staff__LockoutSeconds"] = "900",
                ["Taps__SameCardDebounceMs"] = "0",
                ["Logging__LogLevel__KioskAgent"] = "Information",
            },
        };
        await using var health = await MqttProbe.ConnectAsync(broker.Port, HealthReports.Topic(settings));
        await using var agent = await AgentProcess.StartAsync(settings);
        await using var screen = await ScreenRecorder.StartAsync(agent);
        var staff = new StaffService.StaffServiceClient(agent.Channel);
        var kiosk = new KioskKey(settings.SiteId, settings.KioskId);
        await AtVersionAsync(health, 2, agent);

        // The snapshot's staff card opens the PIN pad; a wrong PIN is refused, the right one opens staff home.
        var login = await LoginScreenAsync(agent, screen);
        Assert.Equal("pin_wrong", (await staff.EnterPinAsync(new EnterPinRequest { LoginId = login.LoginId, Pin = "0000" })).ReasonCode);
        Assert.True((await staff.EnterPinAsync(new EnterPinRequest { LoginId = login.LoginId, Pin = FirstPin })).Accepted);
        var home = await Eventually.ValueAsync(() => screen.Frames.LastOrDefault(f => f.ViewCase == Contracts.V1.Screen.ViewOneofCase.StaffHome)?.StaffHome, "the staff home screen", Generous);
        Assert.Equal("s-1", home.StaffId);
        Assert.Equal("staff", home.Role);
        await staff.LogoutAsync(new LogoutRequest());

        // Central learns each step: the wrong PIN, the login and the logout, as StaffAction transactions.
        var actions = await Eventually.ValueAsync(
            () => central.Transactions.Store.For(kiosk).Where(t => t.Kind == "staff_action").ToList() is { Count: >= 3 } list ? list : null,
            "three staff actions at central",
            Generous);
        Assert.Contains(actions, a => a.Payload.Contains("\"pin_wrong\"", StringComparison.Ordinal));
        Assert.Contains(actions, a => a.Payload.Contains("\"logout\"", StringComparison.Ordinal));
        Assert.All(actions, a => Assert.DoesNotContain(FirstPin, a.Payload, StringComparison.Ordinal));
        Assert.All(actions, a => Assert.DoesNotContain("王店员", a.Payload, StringComparison.Ordinal));

        // A delta changes the PIN: the old one is wrong from then on, the new one opens staff mode.
        await members.SetStaffAsync(Staff(SecondPin), CancellationToken.None);
        await AtVersionAsync(health, 3, agent);
        login = await LoginScreenAsync(agent, screen);
        Assert.Equal("pin_wrong", (await staff.EnterPinAsync(new EnterPinRequest { LoginId = login.LoginId, Pin = FirstPin })).ReasonCode);
        Assert.True((await staff.EnterPinAsync(new EnterPinRequest { LoginId = login.LoginId, Pin = SecondPin })).Accepted);
        await staff.LogoutAsync(new LogoutRequest());

        // 100 parallel wrong PINs on one PIN pad: the guard checks one at a time, so exactly
        // MaxPinTries are checked (4 answered pin_wrong, the 5th locks the card) and 95 are
        // refused as locked without a check; the right PIN is refused while the card is locked.
        login = await LoginScreenAsync(agent, screen);
        var journal = new JournalFile(settings.DataDirectory);
        var before = StaffOutcomes(journal);
        var answers = await Task.WhenAll(Enumerable.Range(0, 100).Select(i =>
            staff.EnterPinAsync(new EnterPinRequest { LoginId = login.LoginId, Pin = $"9{i:D3}" }).ResponseAsync));
        var byReason = answers.GroupBy(a => a.ReasonCode).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"100 parallel wrong PINs: {string.Join(", ", byReason.Select(r => $"{r.Key} {r.Value}"))}");
        Assert.Equal(4, byReason.GetValueOrDefault("pin_wrong"));
        Assert.Equal(96, byReason.GetValueOrDefault("locked"));
        Assert.DoesNotContain(answers, a => a.Accepted);
        var right = await staff.EnterPinAsync(new EnterPinRequest { LoginId = login.LoginId, Pin = SecondPin });
        Assert.False(right.Accepted);
        Assert.Equal("locked", right.ReasonCode);
        Assert.InRange(right.RetryAfterSeconds, 1u, 900u);
        var after = StaffOutcomes(journal);
        Assert.Equal(4, after.GetValueOrDefault("login/pin_wrong") - before.GetValueOrDefault("login/pin_wrong"));
        Assert.Equal(1, after.GetValueOrDefault("login_locked/locked") - before.GetValueOrDefault("login_locked/locked"));
        await staff.CancelLoginAsync(new CancelLoginRequest { LoginId = login.LoginId });

        // Removed from the list by a delta: the card is an ordinary unknown card again, with no PIN pad.
        await members.PublishDeltaAsync(dataset.RemoveStaff("s-1"), CancellationToken.None);
        await AtVersionAsync(health, 4, agent);
        var answer = await agent.TapForAnswerAsync(StaffCard);
        Assert.Equal(Contracts.V1.Screen.ViewOneofCase.Refusal, answer.ViewCase);
        Assert.Equal("card_unknown", answer.Refusal.ReasonCode);
    }

    private static StaffRecord Staff(string pin) => new()
    {
        StaffId = "s-1",
        CardUid = StaffCard,
        Name = "王店员",
        Role = "staff",
        PinHash = StaffPinHash.Hash(pin),
    };

    /// <summary>Taps the staff card and returns the PIN pad it opened (a new login each time).</summary>
    private static async Task<StaffLoginView> LoginScreenAsync(AgentProcess agent, ScreenRecorder screen)
    {
        var seen = screen.Frames.Count;
        await agent.TapAsync(StaffCard, holdMs: 30);
        return await Eventually.ValueAsync(
            () => screen.Frames.Skip(seen).LastOrDefault(f => f.ViewCase == Contracts.V1.Screen.ViewOneofCase.StaffLogin)?.StaffLogin,
            "the PIN pad after the staff card",
            Generous);
    }

    private static async Task AtVersionAsync(MqttProbe health, ulong version, AgentProcess agent)
    {
        try
        {
            await Eventually.ValueAsync(() => HealthReports.Latest(health) is { MemberSync.Version: var v } r && v >= version ? r : null, $"the member data at version {version}", Generous);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\nAgent output:\n{agent.Output}", ex);
        }
    }

    /// <summary>The journal's staff actions counted by "action/outcome".</summary>
    private static Dictionary<string, int> StaffOutcomes(JournalFile journal) =>
        journal.Entries()
            .Where(e => e.Kind == "staff_action")
            .Select(e => Transaction.Parser.ParseJson(e.Payload).StaffAction)
            .GroupBy(a => $"{a.Action}/{a.Outcome}")
            .ToDictionary(g => g.Key, g => g.Count());
}
