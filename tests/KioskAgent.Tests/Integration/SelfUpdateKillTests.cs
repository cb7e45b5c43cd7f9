using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Updates;

namespace KioskAgent.Tests.Integration;

/// <summary>
/// kill -9 of the whole kiosk (supervisor and agent, as a power cut would) at points of an update,
/// then a start as systemd would make it: afterwards exactly one agent runs, from the directory its
/// committed build says, and it is healthy. A point before the trial was recorded leaves the old
/// build; any later one ends with the new build committed (an interrupted trial is tried again).
/// </summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SelfUpdateKillTests(UpdateFixture fixture) : IClassFixture<UpdateFixture>
{
    /// <summary>Fixed, so a failure replays: where in the trial the mid-trial kill falls.</summary>
    private const int Seed = 16_03;

    [Theory]
    [InlineData("update:payload-extracted", 0L)]
    [InlineData("update:trial-recorded", 100L)]
    [InlineData("update:trial-starting", 100L)]
    [InlineData("update:committing", 100L)]
    [InlineData("mid-trial", 100L)]
    public async Task KilledAt_ThenStartedAgain_ExactlyOneHealthyVersionRuns(string point, long expectedBuild)
    {
        var settings = fixture.NewKioskSettings();
        var crashing = point.StartsWith("update:", StringComparison.Ordinal)
            ? settings with { Environment = new Dictionary<string, string> { [Storage.CrashPoint.Variable] = point } }
            : settings;
        await using var kiosk = await SupervisedKiosk.StartAsync(crashing);
        await kiosk.WaitConnectedAsync();

        _ = SendIgnoringAnswerAsync(settings);
        if (crashing != settings)
        {
            await Eventually.TrueAsync(() => kiosk.Process.Output.Contains($"crash point {point} reached", StringComparison.Ordinal), $"the crash point {point}", TimeSpan.FromSeconds(60));
        }
        else
        {
            await Eventually.TrueAsync(() => kiosk.Process.Output.Contains("Trying update 1.1.0", StringComparison.Ordinal), "the trial to start", TimeSpan.FromSeconds(60));
            await Task.Delay(new Random(Seed).Next(0, 3000));
        }

        await kiosk.Process.KillAsync();
        await kiosk.RestartAsync(settings);

        var state = await kiosk.WaitDecidedAsync();
        Assert.Equal(expectedBuild, state.Build);
        Assert.Empty(state.BadBuilds);
        await kiosk.AssertOneHealthyAgentAsync(expectedBuild == 0 ? SupervisedKiosk.FactoryDirectory : kiosk.Slots.Slot("a"));
    }

    private async Task SendIgnoringAnswerAsync(AgentSettings settings)
    {
        try
        {
            await fixture.Central.SendAsync(settings, "update_agent", new Dictionary<string, string> { ["url"] = fixture.Server.Url(UpdateFixture.Good) });
        }
        catch (TimeoutException)
        {
            // Killed before it could answer: the point of the test.
        }
    }
}
