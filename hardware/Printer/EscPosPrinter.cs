using KioskAgent.Hardware.Printer.EscPos;
using KioskAgent.Hardware.Printer.Status;
using KioskAgent.Hardware.Printer.Transports;

namespace KioskAgent.Hardware.Printer;

/// <summary>
/// An ESC/POS receipt printer behind any <see cref="IPrinterTransport"/>: asks its real-time status
/// (DLE EOT) and sends print data. A lost device is reopened on the next call, so unplugging and
/// replugging needs no restart. Calls are serialised; they fail with
/// <see cref="PrinterCommunicationException"/>.
/// </summary>
public sealed class EscPosPrinter : IAsyncDisposable
{
    private readonly IPrinterTransport _transport;
    private readonly TimeProvider _timeProvider;
    private readonly bool _shouldDispose;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public EscPosPrinter(IPrinterTransport transport, TimeProvider? timeProvider = null, bool shouldDispose = true)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _shouldDispose = shouldDispose;
    }

    /// <summary>How long to wait for each status byte. Epson answers within milliseconds, also while offline.</summary>
    public TimeSpan StatusReplyTimeout { get; init; } = TimeSpan.FromSeconds(1);

    public string Description => _transport.Description;

    /// <summary>Sends DLE EOT 1, 2 and 4 (and 3 when an error is flagged) and parses the replies.</summary>
    public async Task<PrinterStatus> QueryStatusAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
            _transport.DiscardInput();
            var printer = await RequestAsync(RealTimeStatusRequest.Printer, cancellationToken).ConfigureAwait(false);
            var offline = await RequestAsync(RealTimeStatusRequest.OfflineCause, cancellationToken).ConfigureAwait(false);
            var paper = await RequestAsync(RealTimeStatusRequest.RollPaperSensor, cancellationToken).ConfigureAwait(false);
            byte? error = (offline & 0x40) != 0 // DLE EOT 2 bit 6: error occurred
                ? await RequestAsync(RealTimeStatusRequest.ErrorCause, cancellationToken).ConfigureAwait(false)
                : null;
            return Parse(printer, offline, paper, error);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends print data as is (build it with <see cref="EscPosBuilder"/>).</summary>
    public async Task PrintAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _transport.OpenAsync(cancellationToken).ConfigureAwait(false);
            await _transport.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_shouldDispose)
        {
            await _transport.DisposeAsync().ConfigureAwait(false);
        }

        _gate.Dispose();
    }

    private async Task<byte> RequestAsync(RealTimeStatusRequest request, CancellationToken cancellationToken)
    {
        await _transport.WriteAsync(new byte[] { ControlBytes.Dle, ControlBytes.Eot, (byte)request }, cancellationToken).ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(StatusReplyTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _transport.ReadByteAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new PrinterCommunicationException(
                PrinterReasons.NoStatusReply,
                $"{Description} did not answer DLE EOT {(byte)request} within {StatusReplyTimeout.TotalMilliseconds} ms (powered off, or not an ESC/POS printer).");
        }
    }

    private PrinterStatus Parse(byte printer, byte offline, byte paper, byte? error)
    {
        try
        {
            return PrinterStatus.FromStatusBytes(printer, offline, paper, error);
        }
        catch (FormatException ex)
        {
            _transport.DiscardInput();
            throw new PrinterCommunicationException(PrinterReasons.GarbledStatus, $"{Description} answered garbage: {ex.Message} (wrong baud rate?)", ex);
        }
    }
}
