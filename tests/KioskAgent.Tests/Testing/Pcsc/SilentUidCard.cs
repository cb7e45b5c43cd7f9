using KioskAgent.Tests.Testing.VirtualCards;

namespace KioskAgent.Tests.Testing.Pcsc;

/// <summary>
/// A card that takes a command and never answers it until the test says so: <see cref="Answer"/>
/// lets it answer (late), <see cref="Pull"/> makes it leave the field with the command pending.
/// By default it falls silent on FF CA (the UID read); with <c>answersUid</c> it gives its UID and
/// falls silent on the first command after that (an identity read). It waits at most
/// <see cref="LongestSilence"/>, so a failed test never leaves vpcd's card thread behind.
/// </summary>
public sealed class SilentUidCard(bool answersUid = false, string uidHex = "5113A7C0") : IVirtualCard
{
    public static readonly TimeSpan LongestSilence = TimeSpan.FromMinutes(2);

    private readonly VirtualUidCard _good = VirtualUidCard.MifareClassic1K(uidHex);
    private readonly ManualResetEventSlim _release = new();
    private readonly TaskCompletionSource _silent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _pulled;

    public byte[] Atr => _good.Atr;

    /// <summary>Completes when the card has received the command it does not answer.</summary>
    public Task Silent => _silent.Task;

    public byte[] Process(byte[] commandApdu)
    {
        if (answersUid == VirtualUidCard.IsGetUid(commandApdu))
        {
            return _good.Process(commandApdu);
        }

        _silent.TrySetResult();
        _release.Wait(LongestSilence);
        return _pulled ? throw new VirtualCardPulledException() : _good.Process(commandApdu);
    }

    /// <summary>The card answers the pending command now.</summary>
    public void Answer() => _release.Set();

    /// <summary>The card leaves the field with the command pending (vpcd's connection drops).</summary>
    public void Pull()
    {
        _pulled = true;
        _release.Set();
    }
}
