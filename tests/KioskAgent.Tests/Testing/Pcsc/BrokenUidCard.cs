using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>A <see cref="VirtualUidCard"/> that fails in one way (<see cref="UidCardFault"/>), for the reader's error paths.</summary>
public sealed class BrokenUidCard(UidCardFault fault, string uidHex = "04B0B1B2") : IVirtualCard
{
    private readonly VirtualUidCard _good = VirtualUidCard.MifareClassic1K(uidHex);

    public UidCardFault Fault { get; } = fault;

    public byte[] Atr => Fault == UidCardFault.GarbageAtr ? [0xFF, 0x00, 0x11, 0x22] : _good.Atr;

    public byte[] Process(byte[] commandApdu)
    {
        if (!VirtualUidCard.IsGetUid(commandApdu))
        {
            return _good.Process(commandApdu);
        }

        return Fault switch
        {
            UidCardFault.WrongStatusWord => [.. _good.Uid, 0x6A, 0x81],
            UidCardFault.TruncatedAnswer => [0x90],
            UidCardFault.PulledMidApdu => throw new VirtualCardPulledException(),
            _ => _good.Process(commandApdu),
        };
    }
}
