using System.Threading.Channels;

namespace KioskAgent.Update.Supervisor;

/// <summary>
/// Watches a build on trial through its notices: READY within <c>ready</c>; then, for <c>trial</c>,
/// a WATCHDOG=1 at least every <c>watchdog</c>; and its own check's <c>KIOSK_TRIAL=passed</c> by the
/// end of the trial (or <c>ready</c> later at most). Any exit, a missed ping or a failed check fails it.
/// Every notice is also handed to <c>relay</c> (the supervisor forwards them to systemd).
/// </summary>
public sealed class TrialJudge(TimeSpan ready, TimeSpan trial, TimeSpan watchdog, TimeProvider time)
{
    public async Task<TrialVerdict> JudgeAsync(ChannelReader<AgentNotice> notices, Action<string> relay, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        long? readyAt = null;
        var lastPing = started;
        var passed = false;
        while (true)
        {
            var now = time.GetTimestamp();
            if (readyAt is null && time.GetElapsedTime(started, now) > ready)
            {
                return TrialVerdict.Fail("no_ready", $"no READY within {ready.TotalSeconds:F0} s");
            }

            if (readyAt is { } r)
            {
                if (time.GetElapsedTime(lastPing, now) > watchdog)
                {
                    return TrialVerdict.Fail("watchdog", $"no watchdog ping for {watchdog.TotalSeconds:F0} s");
                }

                var elapsed = time.GetElapsedTime(r, now);
                if (elapsed >= trial && passed)
                {
                    return TrialVerdict.Pass;
                }

                if (elapsed >= trial + ready)
                {
                    return TrialVerdict.Fail("no_self_check", "the build never reported its own check");
                }
            }

            AgentNotice notice;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                wait.CancelAfter(TimeSpan.FromMilliseconds(200));
                try
                {
                    notice = await notices.ReadAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue;
                }
            }

            if (notice.Exited)
            {
                return TrialVerdict.Fail("exited", $"exited with code {notice.ExitCode} during its trial");
            }

            relay(notice.Line);
            if (notice.Line == "READY=1" && readyAt is null)
            {
                readyAt = lastPing = time.GetTimestamp();
            }
            else if (notice.Line == "WATCHDOG=1")
            {
                lastPing = time.GetTimestamp();
            }
            else if (notice.Line.StartsWith(UpdateSupervisor.TrialNotice + "=", StringComparison.Ordinal))
            {
                var value = notice.Line[(UpdateSupervisor.TrialNotice.Length + 1)..];
                if (value == "passed")
                {
                    passed = true;
                }
                else
                {
                    var detail = value.StartsWith("failed:", StringComparison.Ordinal) ? value[7..] : value;
                    var reason = detail.Split(' ', 2)[0];
                    return TrialVerdict.Fail(reason.Length is > 0 and <= 32 ? reason : "self_test", detail);
                }
            }
        }
    }
}
