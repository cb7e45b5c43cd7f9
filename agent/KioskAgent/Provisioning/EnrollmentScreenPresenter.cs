using KioskAgent.Api;
using KioskAgent.Contracts.V1;
using KioskAgent.Screen;
using Microsoft.Extensions.Options;

namespace KioskAgent.Provisioning;

/// <summary>
/// Puts the enrollment screen in the idle screen's place while enrollment is open, and keeps it
/// current: a new code, a wrong try, a burned code and a code running out are pushed at once, and
/// once a technician enrolled (or a supervisor's code ran out) the idle screen is back. Off with
/// Provisioning:ShowEnrollmentScreen (demo mode turns it off).
/// </summary>
public sealed partial class EnrollmentScreenPresenter(
    EnrollmentCodes codes,
    EnrollmentStore store,
    IEnrollmentScreen enrollment,
    ScreenBroadcaster screen,
    IOptions<ProvisioningOptions> options,
    TimeProvider time,
    ILogger<EnrollmentScreenPresenter> logger) : BackgroundService
{
    /// <summary>Past a code's expiry before looking again, so the fresh code is there when we look.</summary>
    private static readonly TimeSpan AfterExpiry = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _changed = new(0, 1);
    private string _qrPayload = "";
    private string[] _qrRows = [];
    private EnrollmentState? _shown;
    private bool _showing;

    private bool Enabled => options.Value.Enabled && options.Value.ShowEnrollmentScreen;

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    /// <summary>The first look before the web server serves a frame: a page never sees idle on an unenrolled kiosk.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (Enabled)
        {
            codes.Changed += Wake;
            store.Changed += Wake;
            _shown = Look();
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await WaitAsync(_shown, stoppingToken).ConfigureAwait(false);
                _shown = Look();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            codes.Changed -= Wake;
            store.Changed -= Wake;
        }
    }

    /// <summary>Puts what enrollment shows now in idle's place (or idle back), and returns it.</summary>
    private EnrollmentState? Look()
    {
        var state = enrollment.Current();
        screen.SetHome(state is null ? null : new Contracts.V1.Screen { Enrollment = View(state) });
        if (state is not null != _showing)
        {
            _showing = state is not null;
            LogShown(_showing);
        }

        return state;
    }

    /// <summary>
    /// Until something changed, or the code on show runs out (then a fresh code is issued, or a
    /// supervisor's closes). A burned code of a kiosk nobody enrolled stays past its time: it waits
    /// for a person at the screen.
    /// </summary>
    private async Task WaitAsync(EnrollmentState? state, CancellationToken stoppingToken)
    {
        var waitsForPerson = state is null || (state.Code.Length == 0 && !store.IsEnrolled);
        var expiresIn = waitsForPerson ? TimeSpan.Zero : state!.ExpiresAt.ToDateTimeOffset() - time.GetUtcNow();
        using var expiry = waitsForPerson ? new CancellationTokenSource() : new CancellationTokenSource(TimeSpan.FromTicks(Math.Max(0, expiresIn.Ticks)) + AfterExpiry, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, expiry.Token);
        try
        {
            await _changed.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The code ran out: look again.
        }
    }

    private EnrollmentView View(EnrollmentState state)
    {
        if (state.QrPayload != _qrPayload)
        {
            _qrPayload = state.QrPayload;
            _qrRows = [.. ScreenQr.Rows(state.QrPayload)];
        }

        var view = new EnrollmentView { State = state, TriesAllowed = (uint)options.Value.EnrollmentCodeTries, Reopened = store.IsEnrolled };
        view.QrRows.Add(_qrRows);
        return view;
    }

    private void Wake()
    {
        try
        {
            _changed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken: one look covers every change so far.
        }
        catch (ObjectDisposedException)
        {
            // Stopped.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrollment screen shown in place of idle: {Shown}")]
    private partial void LogShown(bool shown);
}
