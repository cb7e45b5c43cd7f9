using KioskAgent.Devices.Health;
using KioskAgent.Devices.Kinds;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Display.Screens;
using KioskAgent.Hardware.Display.Simulated;
using KioskAgent.Hardware.Gpio;
using KioskAgent.Screen;
using Microsoft.Extensions.Options;

namespace KioskAgent.Feedback;

/// <summary>
/// Mirrors what the touchscreen shows onto the other outputs a person notices: the customer
/// display (greeting and balance, refusal, idle) and the GPIO signals (accept or refuse beep,
/// LEDs, the turnstile relay). A failing output is reported in device health and never blocks a tap.
/// </summary>
public sealed partial class TapFeedback(
    ScreenBroadcaster screen,
    IOptions<CustomerDisplayOptions> displayOptions,
    IOptions<SignalsOptions> signalsOptions,
    DeviceHealthRegistry health,
    DeviceKinds kinds,
    TimeProvider time,
    ILogger<TapFeedback> logger) : BackgroundService
{
    private const string DisplayId = "customer-display";
    private const string SignalsId = "signals";
    private ICustomerDisplay? _display;
    private KioskSignals? _signals;
    private uint _checkInTaps;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _display = Open<ICustomerDisplay>(DisplayId, "display", displayOptions.Value.Kind, displayOptions.Value);
        _signals = Open<KioskSignals>(SignalsId, "signals", signalsOptions.Value.Driver, signalsOptions.Value);
        var screens = new CustomerDisplayScreens(columns: displayOptions.Value.Columns);
        try
        {
            await foreach (var shown in screen.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                await ShowAsync(shown, screens, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override void Dispose()
    {
        _display?.Dispose();
        _signals?.Dispose();
        base.Dispose();
    }

    private async Task ShowAsync(Contracts.V1.Screen shown, CustomerDisplayScreens screens, CancellationToken cancellationToken)
    {
        switch (shown.ViewCase)
        {
            case Contracts.V1.Screen.ViewOneofCase.Member:
                Signal(s => s.AcceptAsync(cancellationToken));
                await DisplayAsync(
                    shown.Member.BirthdayWeek ? screens.Birthday(shown.Member.MaskedName) : screens.Greeting(shown.Member.MaskedName, shown.Member.Level),
                    cancellationToken).ConfigureAwait(false);
                await DisplayAsync(screens.Balance(shown.Member.Balance.AmountMinor / 100m, (int)Math.Clamp(shown.Member.Points, 0, int.MaxValue)), cancellationToken).ConfigureAwait(false);
                break;
            case Contracts.V1.Screen.ViewOneofCase.Refusal:
                Signal(s => s.RefuseAsync(cancellationToken));
                await DisplayAsync(screens.Refusal(ShortReason(shown.Refusal)), cancellationToken).ConfigureAwait(false);
                break;
            case Contracts.V1.Screen.ViewOneofCase.CheckInFeed:
                await CheckInAsync(shown.CheckInFeed, screens, cancellationToken).ConfigureAwait(false);
                break;
            default:
                await DisplayAsync(screens.Idle(), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// An open check-in's feed: a beep and the display line for each new tap only (the feed is also
    /// re-sent when nothing was tapped: opened, relay news), accepted with the attendee's short code.
    /// </summary>
    private async Task CheckInAsync(Contracts.V1.CheckInFeedView feed, CustomerDisplayScreens screens, CancellationToken cancellationToken)
    {
        if (feed.Last is not { } last || feed.Taps == _checkInTaps)
        {
            _checkInTaps = feed.Taps;
            return;
        }

        _checkInTaps = feed.Taps;
        if (last.Outcome == "accepted")
        {
            Signal(s => s.AcceptAsync(cancellationToken));
            await DisplayAsync(screens.Greeting(last.ShortCode, last.Direction == "exit" ? "Checked out" : "Checked in"), cancellationToken).ConfigureAwait(false);
            return;
        }

        Signal(s => s.RefuseAsync(cancellationToken));
        await DisplayAsync(screens.Refusal(CheckInShortReason(last.Outcome)), cancellationToken).ConfigureAwait(false);
    }

    internal static string CheckInShortReason(string outcome) => outcome switch
    {
        "already_checked_in" => "Already checked in",
        "unknown_card" => "Card not registered",
        "card_refused" => "Card not valid",
        "too_early" => "Not open yet",
        "too_late" => "Check-in closed",
        "capacity_full" => "Activity full",
        "not_eligible" => "Not eligible",
        "exit_without_entry" => "No entry found",
        "card_unreadable" => "Please tap again",
        _ => "Please ask staff",
    };

    /// <summary>
    /// A pole display has 20 Latin characters a line: a short English reason per refusal. Card read and
    /// verification failures are worded from their typed kind, the rest by their exact code.
    /// </summary>
    internal static string ShortReason(Contracts.V1.RefusalView refusal) => refusal.CardFailure switch
    {
        Contracts.V1.CardFailure.Unreadable => "Please tap again",
        Contracts.V1.CardFailure.NotVerified => "Card not verified",
        _ => ShortReason(refusal.ReasonCode),
    };

    private static string ShortReason(string reasonCode) => reasonCode switch
    {
        "card_unknown" => "Card not registered",
        "card_lost" => "Card reported lost",
        "card_frozen" => "Card frozen",
        "card_cancelled" => "Card cancelled",
        "card_expired" => "Card expired",
        "card_replaced" => "Card replaced",
        _ => "Please ask staff",
    };

    private async Task DisplayAsync(DisplayLines lines, CancellationToken cancellationToken)
    {
        if (_display is null)
        {
            return;
        }

        try
        {
            await _display.ShowAsync(lines, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or TimeoutException or UnauthorizedAccessException)
        {
            LogOutputFailed(DisplayId, ex.Message);
        }

        Report(DisplayId, "display", kinds.Find<ICustomerDisplay>(displayOptions.Value.Kind)!.Name, _display.Health.State, _display.Health.Reason);
    }

    private void Signal(Func<KioskSignals, Task> play)
    {
        if (_signals is null)
        {
            return;
        }

        // Patterns run in the background: a beep must never delay the screen.
        _ = play(_signals).ContinueWith(t => LogOutputFailed(SignalsId, t.Exception!.GetBaseException().Message), TaskContinuationOptions.OnlyOnFaulted);
    }

    /// <summary>Opens the output through the kind its section names (checked at start).</summary>
    private T? Open<T>(string id, string kind, string kindName, object settings)
        where T : class
    {
        var deviceKind = kinds.Find<T>(kindName)!;
        try
        {
            var device = (T)deviceKind.Create(new DeviceContext(id, time), settings);
            // Every binding names its simulator "Simulated" (SimulatedDisplayKind, SignalsKind.Simulated).
            Report(id, kind, deviceKind.Name, DeviceState.Ok, deviceKind.Name == SimulatedDisplayKind.KindName ? "simulated" : "ready");
            return device;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException or DllNotFoundException)
        {
            Report(id, kind, deviceKind.Name, DeviceState.Absent, $"cannot open: {ex.Message}");
            return null;
        }
    }

    private void Report(string id, string kind, string driver, DeviceState state, string reason) =>
        health.Report(id, kind, driver, state, reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Output {DeviceId} failed: {Error}")]
    private partial void LogOutputFailed(string deviceId, string error);
}
