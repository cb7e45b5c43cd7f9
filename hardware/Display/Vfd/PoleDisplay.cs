using System.IO.Ports;
using System.Text;
using KioskAgent.Hardware.Devices;

namespace KioskAgent.Hardware.Display.Vfd;

/// <summary>
/// A 2×20 VFD pole display on a serial port (9600 8N1 is the usual default), speaking the Epson or
/// the CD5220 command set. The port is opened on first use and reopened after a failure, so an
/// unplugged USB adapter recovers by itself: after a failure the port is reopened by name with the
/// same settings. Pole displays do not answer, so health reflects whether the last write went out.
/// </summary>
public sealed class PoleDisplay : ICustomerDisplay
{
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(2);
    private SerialPort _serialPort;
    private readonly IPoleDisplayCommandSet _commandSet;
    private readonly Encoding _encoding;
    private readonly bool _shouldDispose;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile DeviceHealth _health = DisplayHealth.NotOpened;

    public PoleDisplay(SerialPort serialPort, IPoleDisplayCommandSet commandSet, Encoding? encoding = null, int columns = 20, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(serialPort);
        ArgumentNullException.ThrowIfNull(commandSet);
        _serialPort = serialPort;
        _commandSet = commandSet;
        _encoding = encoding ?? DisplayEncodings.Pc437;
        Columns = columns;
        _shouldDispose = shouldDispose;
    }

    public int Columns { get; }

    public DeviceHealth Health => _health;

    public Task ShowAsync(DisplayLines lines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var upper = DisplayEncodings.EncodeLine(_encoding, lines.Upper, Columns);
        var lower = DisplayEncodings.EncodeLine(_encoding, lines.Lower, Columns);
        return SendAsync(_commandSet.ShowLines(upper, lower), cancellationToken);
    }

    public Task ClearAsync(CancellationToken cancellationToken = default) => SendAsync(_commandSet.Clear(), cancellationToken);

    public void Dispose()
    {
        if (_shouldDispose)
        {
            CloseQuietly(_serialPort);
        }

        _gate.Dispose();
    }

    private async Task SendAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (EnsureOpen() is { } initialize)
            {
                await WriteAsync(initialize, cancellationToken).ConfigureAwait(false);
            }

            await WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            _health = DisplayHealth.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or TimeoutException)
        {
            _health = Failure(ex);
            ReplacePort();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Opens the port when closed; returns the initialisation bytes to send first, or null.</summary>
    private byte[]? EnsureOpen()
    {
        if (_serialPort.IsOpen)
        {
            return null;
        }

        _serialPort.WriteTimeout = _serialPort.WriteTimeout > 0 ? _serialPort.WriteTimeout : 2000;
        _serialPort.Open();
        return _commandSet.Initialize();
    }

    /// <summary>Bounded: a write to a tty that hung up mid-write never completes in System.IO.Ports.</summary>
    private async Task WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(WriteTimeout);
        try
        {
            await _serialPort.BaseStream.WriteAsync(bytes, timeout.Token).ConfigureAwait(false);
            await _serialPort.BaseStream.FlushAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Writing to {_serialPort.PortName} took longer than {WriteTimeout.TotalSeconds} s.", ex);
        }
    }

    private DeviceHealth Failure(Exception ex) => ex switch
    {
        UnauthorizedAccessException => new(DeviceState.Absent, "permission_denied", $"{_serialPort.PortName}: {ex.Message} (is the user in the dialout group?)"),
        _ when !File.Exists(_serialPort.PortName) => new(DeviceState.Absent, "not_connected", $"{_serialPort.PortName} is missing (unplugged?)"),
        _ => new(DeviceState.Fault, "write_failed", $"{_serialPort.PortName}: {ex.Message}"),
    };

    /// <summary>
    /// Abandons the failed port for a fresh one with the same settings. Closing the old one can block
    /// forever after a hang-up (System.IO.Ports on Linux), so it is closed on a worker, waited for briefly.
    /// </summary>
    private void ReplacePort()
    {
        var old = _serialPort;
        _serialPort = new SerialPort(old.PortName, old.BaudRate, old.Parity, old.DataBits, old.StopBits) { Handshake = old.Handshake };
        Task.Run(() => CloseQuietly(old)).Wait(TimeSpan.FromSeconds(1));
    }

    private static void CloseQuietly(SerialPort port)
    {
        try
        {
            port.Dispose();
        }
        catch (IOException)
        {
            // Already gone with the adapter.
        }
    }
}
