using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Display.Screens;

namespace KioskAgent.Hardware.Display.Simulated;

/// <summary>
/// A customer display with no hardware: keeps the two lines (cut and padded as a real 2×20 display
/// would) so the demo UI and tests can show what a customer sees. Selected by <c>Kind: Simulated</c>.
/// </summary>
public sealed class SimulatedCustomerDisplay(int columns = 20) : ICustomerDisplay
{
    private readonly Lock _gate = new();
    private readonly List<DisplayLines> _history = [];
    private DisplayLines _current = new(new string(' ', columns), new string(' ', columns));

    /// <summary>Raised after the lines changed.</summary>
    public event Action<DisplayLines>? Changed;

    public int Columns { get; } = columns;

    public DeviceHealth Health => DisplayHealth.Ok;

    public DisplayLines Current
    {
        get
        {
            lock (_gate)
            {
                return _current;
            }
        }
    }

    /// <summary>Every screen shown, oldest first.</summary>
    public IReadOnlyList<DisplayLines> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    public Task ShowAsync(DisplayLines lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Set(new DisplayLines(DisplayText.PadToWidth(lines.Upper, Columns), DisplayText.PadToWidth(lines.Lower, Columns)));
        return Task.CompletedTask;
    }

    public Task ClearAsync(CancellationToken cancellationToken = default) => ShowAsync(DisplayLines.Blank, cancellationToken);

    public void Dispose()
    {
    }

    private void Set(DisplayLines lines)
    {
        lock (_gate)
        {
            _current = lines;
            _history.Add(lines);
        }

        Changed?.Invoke(lines);
    }
}
