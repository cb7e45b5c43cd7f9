using System.Device.Gpio;

namespace KioskAgent.Hardware.Gpio.Simulated;

/// <summary>
/// A GPIO driver with no hardware: keeps every line's mode and level, records each write with a
/// timestamp, and lets inputs be driven with <see cref="SetInput"/>. Selectable (<c>Driver:
/// Simulated</c>) for the demo, where the UI shows the LEDs; tests read <see cref="Writes"/>.
/// </summary>
public sealed class SimulatedGpioDriver(int pinCount = 54, TimeProvider? timeProvider = null) : GpioDriver
{
    private readonly TimeProvider _timeProvider = timeProvider ?? TimeProvider.System;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (PinMode Mode, PinValue Value)> _open = [];
    private readonly List<PinWrite> _writes = [];
    private readonly List<(int Pin, PinEventTypes Types, PinChangeEventHandler Handler)> _callbacks = [];

    /// <summary>Raised after every write (the demo UI mirrors the LEDs with it).</summary>
    public event Action<PinWrite>? Written;

    public IReadOnlyList<PinWrite> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    protected override int PinCount => pinCount;

    public bool IsOpen(int pin)
    {
        lock (_gate)
        {
            return _open.ContainsKey(pin);
        }
    }

    public PinValue ValueOf(int pin)
    {
        lock (_gate)
        {
            return _open.TryGetValue(pin, out var state) ? state.Value : throw new InvalidOperationException($"Line {pin} is not open.");
        }
    }

    public void ClearWrites()
    {
        lock (_gate)
        {
            _writes.Clear();
        }
    }

    /// <summary>Drives an input line (a button, a door contact) and raises the registered callbacks.</summary>
    public void SetInput(int pin, PinValue value)
    {
        PinValue old;
        lock (_gate)
        {
            old = Require(pin).Value;
            _open[pin] = (_open[pin].Mode, value);
        }

        var type = value == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
        if (old == value)
        {
            return;
        }

        foreach (var (_, _, handler) in Callbacks(pin, type))
        {
            handler(this, new PinValueChangedEventArgs(type, pin));
        }
    }

    public override GpioChipInfo GetChipInfo() => new(0, "gpiochip-simulated", "simulated", pinCount);

    protected override void OpenPin(int pinNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pinNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(pinNumber, pinCount);
        lock (_gate)
        {
            _open.TryAdd(pinNumber, (PinMode.Input, PinValue.Low));
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            _open.Remove(pinNumber);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            _open[pinNumber] = (mode, Require(pinNumber).Value);
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode, PinValue initialValue)
    {
        SetPinMode(pinNumber, mode);
        Write(pinNumber, initialValue);
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return Require(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.Output or PinMode.InputPullUp or PinMode.InputPullDown;

    protected override PinValue Read(int pinNumber) => ValueOf(pinNumber);

    protected override void Write(int pinNumber, PinValue value)
    {
        PinWrite write;
        lock (_gate)
        {
            var state = Require(pinNumber);
            _open[pinNumber] = (state.Mode, value);
            write = new PinWrite(pinNumber, value, _timeProvider.GetUtcNow());
            _writes.Add(write);
        }

        Written?.Invoke(write);
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        cancellationToken.WaitHandle.WaitOne();
        return new WaitForEventResult { TimedOut = true, EventTypes = PinEventTypes.None };
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _callbacks.Add((pinNumber, eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            _callbacks.RemoveAll(c => c.Pin == pinNumber && c.Handler == callback);
        }
    }

    private List<(int Pin, PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks(int pin, PinEventTypes type)
    {
        lock (_gate)
        {
            return [.. _callbacks.Where(c => c.Pin == pin && c.Types.HasFlag(type))];
        }
    }

    private (PinMode Mode, PinValue Value) Require(int pin) =>
        _open.TryGetValue(pin, out var state) ? state : throw new InvalidOperationException($"Line {pin} is not open.");
}
