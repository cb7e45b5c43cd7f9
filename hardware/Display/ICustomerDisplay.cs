using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Display;

/// <summary>
/// A customer-facing display of two text lines: a 2×20 VFD pole display, an HD44780 LCD, or the
/// simulator. Format the lines with <see cref="Screens.CustomerDisplayScreens"/>. Methods do not throw
/// for device faults: they report them in <see cref="Health"/>, so a broken display never stops a tap.
/// </summary>
public interface ICustomerDisplay : IDisposable
{
    /// <summary>Characters per line (20 on a pole display, 16 or 20 on an LCD).</summary>
    int Columns { get; }

    DeviceHealth Health { get; }

    /// <summary>Shows both lines; text longer than <see cref="Columns"/> is cut.</summary>
    Task ShowAsync(DisplayLines lines, CancellationToken cancellationToken = default);

    Task ClearAsync(CancellationToken cancellationToken = default);
}
