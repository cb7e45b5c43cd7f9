using System.Text;
using KioskAgent.Hardware.CardReaders;
using KioskAgent.Hardware.KeyboardWedge;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Hardware.KeyboardWedge;

/// <summary>SerialCardReader on one end of a real socat pty pair; the test plays the reader on the other end.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class SerialCardReaderIntegrationTests : IAsyncLifetime
{
    private SocatPtyPair _pair = null!;

    public async Task InitializeAsync() => _pair = await SocatPtyPair.StartAsync();

    public async Task DisposeAsync() => await _pair.DisposeAsync();

    [Fact]
    public async Task WatchAsync_LineTerminatedDecimal_PresentsThenRemovesTheCard()
    {
        await using var reader = NewReader(SerialFraming.Cr, TokenFormat.Decimal);
        await using var recorder = new ReaderEventLog(reader);
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available);

        await SendAsync("0012345678\r"u8.ToArray());

        var presented = await recorder.WaitForAsync<CardPresented>();
        Assert.Equal("0000BC614E", presented.Uid.Hex);
        Assert.Equal(CardTechnology.Id125Khz, presented.Technology);
        Assert.Null(presented.Transceiver);
        await recorder.WaitForAsync<CardRemoved>();
    }

    [Fact]
    public async Task WatchAsync_StxEtxFrames_AcceptsGoodChecksumAndRefusesBadOne()
    {
        await using var reader = NewReader(SerialFraming.StxEtx, TokenFormat.Hex);
        await using var recorder = new ReaderEventLog(reader);
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available);

        await SendAsync(Frame("0A1B2C3D4E", "4E"));
        await SendAsync(Frame("0A1B2C3D4E", "00"));

        Assert.Equal("0A1B2C3D4E", (await recorder.WaitForAsync<CardPresented>()).Uid.Hex);
        Assert.Equal("checksum_mismatch", (await recorder.WaitForAsync<CardReadFailed>()).Reason);
        Assert.Equal(1, reader.ReadFailureCount);
    }

    [Fact]
    public async Task WatchAsync_PtyDisappearsAndReappears_ReportsUnavailableThenRecoversAndReads()
    {
        await using var reader = NewReader(SerialFraming.CrLf, TokenFormat.Decimal);
        await using var recorder = new ReaderEventLog(reader);
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available);

        await _pair.StopAsync();
        var down = await recorder.WaitForAsync<ReaderStatusChanged>(s => !s.Available);
        await _pair.StartAgainAsync();
        await recorder.WaitForAsync<ReaderStatusChanged>(s => s.Available, index: 1);
        await SendAsync("0000000042\r\n"u8.ToArray());

        Assert.Equal("000000002A", (await recorder.WaitForAsync<CardPresented>()).Uid.Hex);
        Assert.False(recorder.Completed);
        Assert.StartsWith("port_gone", down.Reason, StringComparison.Ordinal);
    }

    private static byte[] Frame(string data, string checksum) => [0x02, .. Encoding.ASCII.GetBytes(data + checksum), 0x03];

    private SerialCardReader NewReader(SerialFraming framing, TokenFormat format) => new("id-1", new SerialCardReaderOptions
    {
        PortName = _pair.PathA,
        Framing = framing,
        Format = format,
        ReopenInterval = TimeSpan.FromMilliseconds(100),
    });

    /// <summary>Writes as the device would; the pty is raw, so bytes arrive unchanged.</summary>
    private async Task SendAsync(byte[] bytes)
    {
        await using var device = new FileStream(_pair.PathB, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        await device.WriteAsync(bytes);
        await device.FlushAsync();
    }
}
