using System.Threading.Channels;
using KioskAgent.Update.Supervisor;
using Microsoft.Extensions.Time.Testing;

namespace KioskAgent.Tests.Unit.Updates;

/// <summary>When the supervisor commits a trial: READY in time, the watchdog fed through the trial, the build's own check passed.</summary>
[Trait("Category", Testing.TestCategories.Unit)]
public sealed class TrialJudgeTests
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Trial = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Watchdog = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _time = new();
    private readonly Channel<AgentNotice> _notices = Channel.CreateUnbounded<AgentNotice>();
    private readonly List<string> _relayed = [];

    [Fact]
    public async Task ReadyPingsAndPassedThroughTheTrial_Pass_AndEveryLineIsRelayed()
    {
        var verdict = Judge();
        await Say("READY=1");
        await Say("KIOSK_TRIAL=passed");
        for (var i = 0; i < 5; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(13));
            await Say("WATCHDOG=1");
        }

        Assert.Equal(TrialVerdict.Pass, await verdict.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("READY=1", _relayed[0]);
    }

    [Fact]
    public async Task NoReadyInTime_Fails_NoReady()
    {
        var verdict = Judge();
        _time.Advance(Ready + TimeSpan.FromSeconds(1));

        Assert.Equal("no_ready", (await verdict.WaitAsync(TimeSpan.FromSeconds(10))).Reason);
    }

    [Fact]
    public async Task AMissedWatchdogPing_Fails_Watchdog_EvenWhenTheCheckPassed()
    {
        var verdict = Judge();
        await Say("READY=1");
        await Say("KIOSK_TRIAL=passed");
        _time.Advance(Watchdog + TimeSpan.FromSeconds(1));

        Assert.Equal("watchdog", (await verdict.WaitAsync(TimeSpan.FromSeconds(10))).Reason);
    }

    [Fact]
    public async Task TheBuildsOwnCheckFailing_Fails_WithItsReason()
    {
        var verdict = Judge();
        await Say("READY=1");
        await Say("KIOSK_TRIAL=failed:central (not reconnected)");

        var failed = await verdict.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(("central", "central (not reconnected)"), (failed.Reason, failed.Detail));
    }

    [Fact]
    public async Task AnExitDuringTheTrial_Fails_Exited()
    {
        var verdict = Judge();
        await Say("READY=1");
        _notices.Writer.TryWrite(new AgentNotice("", 134));

        Assert.Equal("exited", (await verdict.WaitAsync(TimeSpan.FromSeconds(10))).Reason);
    }

    private Task<TrialVerdict> Judge() =>
        new TrialJudge(Ready, Trial, Watchdog, _time).JudgeAsync(_notices.Reader, Relay, CancellationToken.None);

    private void Relay(string line)
    {
        lock (_relayed)
        {
            _relayed.Add(line);
        }
    }

    /// <summary>Sends a line and lets the judge take it before time moves on.</summary>
    private async Task Say(string line)
    {
        int before;
        lock (_relayed)
        {
            before = _relayed.Count;
        }

        _notices.Writer.TryWrite(new AgentNotice(line));
        await Testing.Eventually.TrueAsync(
            () =>
            {
                lock (_relayed)
                {
                    return _relayed.Count > before;
                }
            },
            $"the judge took {line}");
    }
}
