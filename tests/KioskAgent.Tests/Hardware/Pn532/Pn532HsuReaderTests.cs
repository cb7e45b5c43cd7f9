using KioskAgent.Hardware.CardReaders;
using KioskAgent.Tests.Testing;
using KioskAgent.Tests.Testing.Pn532;
using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Hardware.Pn532;

/// <summary>The PN532 reader over HSU: the dotnet/iot binding on a real socat pty, the frame-level simulator on the other end.</summary>
[Collection(Pn532Collection.Name)]
[Trait("Category", TestCategories.Integration)]
public sealed class Pn532HsuReaderTests
{
    [Fact]
    public async Task Start_BindingWakesTheChipOverThePty_ReaderReportsReadyWithTheFirmwareVersion()
    {
        await using var rig = await Pn532Rig.StartAsync();
        await using var reader = rig.NewReader();
        await using var log = new ReaderEventLog(reader);

        var ready = await log.WaitForAsync<ReaderStatusChanged>(e => e.Available);

        Assert.Equal("ready: PN532 firmware 1.6", ready.Reason);
        Assert.Equal(2, rig.Firmware.ActivationRetries);
        // Wake-up with SAMConfiguration, SAMConfiguration, GetFirmwareVersion, SetParameters, then our RFConfiguration.
        Assert.Equal([0x14, 0x14, 0x02, 0x12, 0x32], rig.Firmware.Commands.Take(5));
    }

    [Fact]
    public async Task UidTap_FourAndSevenByteUids_PresentedOnceEach_RemovedWhenTheyLeave()
    {
        await using var rig = await Pn532Rig.StartAsync();
        await using var reader = rig.NewReader();
        await using var log = new ReaderEventLog(reader);
        await log.WaitForAsync<ReaderStatusChanged>(e => e.Available);

        rig.Firmware.Present(Pn532FieldCard.Mifare(new VirtualMifareClassicCard(Convert.FromHexString("5A6B7C8D"))));
        var first = await log.WaitForAsync<CardPresented>();
        rig.Firmware.Remove();
        await log.WaitForAsync<CardRemoved>();
        rig.Firmware.Present(Pn532FieldCard.Ntag424(new VirtualNtag424Card(Convert.FromHexString("04DE5F1EACC040"), new byte[16], new byte[16])));
        var second = await log.WaitForAsync<CardPresented>(index: 1);
        await Task.Delay(500);

        Assert.Equal(("5A6B7C8D", CardTechnology.MifareClassic1K), (first.Uid.Hex, first.Technology));
        Assert.Equal(("04DE5F1EACC040", CardTechnology.Iso14443A4), (second.Uid.Hex, second.Technology));
        Assert.Equal(2, log.OfType<CardPresented>().Count);
        Assert.Single(log.OfType<CardRemoved>());
    }
}
