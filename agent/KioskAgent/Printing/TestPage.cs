using System.Globalization;
using KioskAgent.Hardware.Printer.EscPos;

namespace KioskAgent.Printing;

/// <summary>The technician's printer self-test page: every feature a receipt uses, in a few lines.</summary>
public static class TestPage
{
    public static byte[] Render(string kioskId, string siteId, string agentVersion, DateTimeOffset at) =>
        new EscPosBuilder()
            .Initialize()
            .Align(Alignment.Center)
            .CharacterSize(2, 2)
            .Line("自检页")
            .NormalSize()
            .Line("Printer self-test")
            .Align(Alignment.Left)
            .Line($"终端 Kiosk: {kioskId}")
            .Line($"门店 Site:  {siteId}")
            .Line($"版本 Agent: {agentVersion}")
            .Line($"时间 Time:  {at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}")
            .Line("中文 GB18030: 会员积分兑换礼品")
            .Align(Alignment.Center)
            .QrCode($"KIOSK-SELFTEST:{kioskId}")
            .Feed(3)
            .Cut()
            .ToArray();
}
