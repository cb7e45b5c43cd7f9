namespace KioskAgent.Hardware.Printer.Transports;

/// <summary>
/// A printer on the USB printer class driver (Linux usblp): the character device /dev/usb/lpN, or a
/// stable udev symlink to it. Reading returns the printer's status replies when it is bidirectional.
/// </summary>
public sealed class UsbPrinterTransport(string devicePath = "/dev/usb/lp0") : StreamPrinterTransport
{
    public string DevicePath { get; } = devicePath;

    public override string Description => $"usb:{DevicePath}";

    protected override Task<Stream> OpenStreamAsync(CancellationToken cancellationToken)
    {
        try
        {
            // bufferSize 0: no FileStream buffering; every write goes straight to the driver.
            Stream stream = new FileStream(DevicePath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0, FileOptions.Asynchronous);
            return Task.FromResult(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw OpenFailed(ex);
        }
    }
}
