using System.IO.Ports;
using KioskAgent.Hardware.Devices;
using KioskAgent.Hardware.Display;
using KioskAgent.Hardware.Display.Screens;
using KioskAgent.Hardware.Display.Vfd;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Serial;

namespace KioskAgent.Tests.Hardware.Display;

/// <summary>Exact bytes a VFD pole display receives, through System.IO.Ports and a socat pty pair.</summary>
[Trait("Category", TestCategories.Integration)]
public sealed class PoleDisplayIntegrationTests : IAsyncLifetime
{
    private static readonly byte[] EpsonInit = [0x1B, 0x3D, 0x02, 0x1B, 0x40, 0x1F, 0x01, 0x1F, 0x43, 0x00];
    private static readonly byte[] Cd5220Init = [0x1B, 0x40, 0x1B, 0x11];
    private readonly CustomerDisplayScreens _screens = new(DisplayTexts.English);
    private SocatPtyPair _pty = null!;
    private PtyCapture _capture = null!;

    public async Task InitializeAsync()
    {
        _pty = await SocatPtyPair.StartAsync();
        _capture = new PtyCapture(_pty.PathB);
    }

    public async Task DisposeAsync()
    {
        await _pty.DisposeAsync();
        _capture.Dispose();
    }

    [Fact]
    public async Task ShowAsync_EpsonGreeting_SendsInitCursorAndPaddedLines()
    {
        using var display = new PoleDisplay(new SerialPort(_pty.PathA, 9600), new EpsonDisplayCommandSet());

        await display.ShowAsync(_screens.Greeting("A**** S****", "Gold"));

        byte[] expected = [.. EpsonInit, 0x1F, 0x24, 1, 1, .. "Hello A**** S****   "u8, 0x1F, 0x24, 1, 2, .. "Gold                "u8];
        Assert.Equal(expected, await _capture.WaitForAsync(expected.Length));
        Assert.Equal(DeviceState.Ok, display.Health.State);
    }

    [Fact]
    public async Task ShowAsync_EpsonBalanceAfterGreeting_InitialisesOnlyOnceAndEncodesYenAsPc437()
    {
        using var display = new PoleDisplay(new SerialPort(_pty.PathA, 9600), new EpsonDisplayCommandSet());
        await display.ShowAsync(_screens.Greeting("A**** S****", "Gold"));
        await _capture.WaitForAsync(EpsonInit.Length + 48);
        _capture.Clear();

        await display.ShowAsync(_screens.Balance(1234.5m, 5600));

        byte[] expected = [0x1F, 0x24, 1, 1, .. "Balance    "u8, 0x9D, .. "1,234.50"u8, 0x1F, 0x24, 1, 2, .. "Points         5,600"u8];
        Assert.Equal(expected, await _capture.WaitForAsync(expected.Length));
    }

    [Fact]
    public async Task ShowAsync_Cd5220Greeting_SendsEscQAAndEscQBLines()
    {
        using var display = new PoleDisplay(new SerialPort(_pty.PathA, 9600), new Cd5220CommandSet());

        await display.ShowAsync(_screens.Greeting("A**** S****", "Gold"));

        byte[] expected = [.. Cd5220Init, 0x1B, 0x51, 0x41, .. "Hello A**** S****   "u8, 0x0D, 0x1B, 0x51, 0x42, .. "Gold                "u8, 0x0D];
        Assert.Equal(expected, await _capture.WaitForAsync(expected.Length));
    }

    [Fact]
    public async Task ShowAsync_Cd5220ChineseBalance_SendsGb2312TwoBytesPerCharacter()
    {
        using var display = new PoleDisplay(new SerialPort(_pty.PathA, 9600), new Cd5220CommandSet(), DisplayEncodings.Gb2312);

        await display.ShowAsync(new CustomerDisplayScreens(DisplayTexts.Chinese).Balance(8m, 120));

        // 余 = D3 E0, 额 = B6 EE, ￥ = A3 A4, 积 = BB FD, 分 = B7 D6 in GB2312.
        byte[] expected =
        [
            .. Cd5220Init,
            0x1B, 0x51, 0x41, 0xD3, 0xE0, 0xB6, 0xEE, .. "          "u8, 0xA3, 0xA4, .. "8.00"u8, 0x0D,
            0x1B, 0x51, 0x42, 0xBB, 0xFD, 0xB7, 0xD6, .. "             120"u8, 0x0D,
        ];
        Assert.Equal(expected, await _capture.WaitForAsync(expected.Length));
    }

    [Fact]
    public async Task ShowAsync_PortUnplugged_ReportsAbsentAndRecoversAfterReplug()
    {
        using var display = new PoleDisplay(new SerialPort(_pty.PathA, 9600), new Cd5220CommandSet());
        await display.ShowAsync(_screens.Idle());
        await _pty.StopAsync();

        await display.ShowAsync(_screens.Idle());
        await display.ShowAsync(_screens.Idle());
        Assert.NotEqual(DeviceState.Ok, display.Health.State);

        await _pty.StartAgainAsync();
        _capture.Dispose();
        _capture = new PtyCapture(_pty.PathB);
        await display.ShowAsync(_screens.Refusal("Card frozen"));

        Assert.Equal(DeviceState.Ok, display.Health.State);
        byte[] expected = [.. Cd5220Init, 0x1B, 0x51, 0x41, .. "Card refused        "u8, 0x0D, 0x1B, 0x51, 0x42, .. "Card frozen         "u8, 0x0D];
        Assert.Equal(expected, await _capture.WaitForAsync(expected.Length));
    }
}
