using System.Device.Gpio;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Gpio.Patterns;

namespace KioskAgent.Hardware.Gpio;

/// <summary>
/// Buzzer, status LEDs and relay on GPIO lines, played as patterns. Only one pattern runs at a
/// time: a new one cancels the running one and takes over from its current state (only lines that
/// change are written). Steps are timed against absolute deadlines from the injected
/// <see cref="TimeProvider"/>, so a late wake-up does not stretch the pattern. Active-low lines are
/// inverted here; callers think in on/off. Never throws for a pin fault: see <see cref="Health"/>.
/// </summary>
public sealed class KioskSignals : IDisposable
{
    private readonly GpioController _controller;
    private readonly bool _shouldDispose;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<SignalOutput, SignalPinOptions> _pins = [];
    private readonly Lock _gate = new();
    private SignalOutput _state;
    private CancellationTokenSource? _current;
    private Task _running = Task.CompletedTask;
    private volatile DeviceHealth _health = SignalsHealth.Ok;

    public KioskSignals(GpioController? controller, SignalsOptions options, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        _controller = controller ?? new GpioController();
        _shouldDispose = shouldDispose || controller is null;
        _timeProvider = timeProvider ?? TimeProvider.System;
        RelayPulse = options.RelayPulse;
        foreach (var (output, pin) in options.FittedOutputs())
        {
            OpenOutput(output, pin);
        }
    }

    public DeviceHealth Health => _health;

    /// <summary>The outputs that are on now.</summary>
    public SignalOutput State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>The outputs whose lines are open.</summary>
    public SignalOutput Fitted
    {
        get
        {
            lock (_gate)
            {
                return _pins.Keys.Aggregate(SignalOutput.None, (set, o) => set | o);
            }
        }
    }

    public TimeSpan RelayPulse { get; }

    public Task AcceptAsync(CancellationToken cancellationToken = default) => PlayAsync(SignalPatterns.Accept(RelayPulse), cancellationToken);

    public Task RefuseAsync(CancellationToken cancellationToken = default) => PlayAsync(SignalPatterns.Refuse(), cancellationToken);

    public Task FaultAsync(CancellationToken cancellationToken = default) => PlayAsync(SignalPatterns.Fault(), cancellationToken);

    /// <summary>Plays <paramref name="pattern"/> after cancelling the running one; completes when it ended or was cancelled.</summary>
    public async Task PlayAsync(SignalPattern pattern, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CancellationTokenSource cancellation;
        Task previous;
        lock (_gate)
        {
            _current?.Cancel();
            cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            (previous, _running, _current) = (_running, done.Task, cancellation);
        }

        try
        {
            await previous.ConfigureAwait(false);
            await RunAsync(pattern, cancellation).ConfigureAwait(false);
        }
        finally
        {
            done.SetResult();
        }
    }

    /// <summary>Switches outputs directly (technician self-test); cancels a running pattern.</summary>
    public void Set(SignalOutput on)
    {
        lock (_gate)
        {
            _current?.Cancel();
            _current = null; // the cancelled pattern must not switch these off when it ends
            Apply(on);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Cancel();
            _current = null;
            Apply(SignalOutput.None);
            _pins.Clear(); // nothing is written after this
        }

        if (_shouldDispose)
        {
            _controller.Dispose();
        }
    }

    private async Task RunAsync(SignalPattern pattern, CancellationTokenSource cancellation)
    {
        var token = cancellation.Token;
        try
        {
            var start = _timeProvider.GetUtcNow();
            var elapsed = TimeSpan.Zero;
            foreach (var step in pattern.Steps)
            {
                ApplyIfCurrent(step.On, cancellation);
                elapsed += step.Duration;
                var wait = start + elapsed - _timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _timeProvider, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Superseded (the next pattern takes over from here) or cancelled by the caller (go dark below).
        }
        finally
        {
            Finish(cancellation);
        }
    }

    private void ApplyIfCurrent(SignalOutput on, CancellationTokenSource cancellation)
    {
        lock (_gate)
        {
            cancellation.Token.ThrowIfCancellationRequested();
            Apply(on);
        }
    }

    /// <summary>All off when this pattern is still the current one; then forget it.</summary>
    private void Finish(CancellationTokenSource cancellation)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_current, cancellation))
            {
                Apply(SignalOutput.None);
                _current = null;
            }
        }

        cancellation.Dispose();
    }

    /// <summary>Writes the lines whose state changes. Called under the gate.</summary>
    private void Apply(SignalOutput on)
    {
        foreach (var (output, pin) in _pins)
        {
            var wanted = on.HasFlag(output);
            if (wanted != _state.HasFlag(output))
            {
                Write(output, pin, wanted);
            }
        }
    }

    private void Write(SignalOutput output, SignalPinOptions pin, bool on)
    {
        try
        {
            _controller.Write(pin.Pin, Level(pin, on));
            _state = on ? _state | output : _state & ~output;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            _health = new DeviceHealth(DeviceState.Fault, "pin_write_failed", $"{output} (line {pin.Pin}): {ex.Message}");
        }
    }

    private void OpenOutput(SignalOutput output, SignalPinOptions pin)
    {
        try
        {
            _controller.OpenPin(pin.Pin, PinMode.Output, Level(pin, false));
            _pins[output] = pin;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException or ArgumentException)
        {
            _health = new DeviceHealth(DeviceState.Degraded, "pin_unavailable", $"{output} (line {pin.Pin}) could not be opened: {ex.Message}");
        }
    }

    private static PinValue Level(SignalPinOptions pin, bool on) => on ^ pin.ActiveLow ? PinValue.High : PinValue.Low;
}
