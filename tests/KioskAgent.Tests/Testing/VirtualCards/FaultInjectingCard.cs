namespace KioskAgent.Tests.Testing.VirtualCards;

/// <summary>
/// Wraps a virtual card and answers chosen commands with a scripted response instead (a wrong
/// status word, a truncated answer), to test how card logic copes with a misbehaving card.
/// </summary>
public sealed class FaultInjectingCard(IVirtualCard inner) : IVirtualCard
{
    private readonly List<(byte[] Prefix, byte[] Response)> _faults = [];

    public byte[] Atr => inner.Atr;

    /// <summary>Every command starting with <paramref name="commandPrefix"/> gets <paramref name="response"/>.</summary>
    public FaultInjectingCard AnswerWith(byte[] commandPrefix, byte[] response)
    {
        _faults.Add((commandPrefix, response));
        return this;
    }

    public byte[] Process(byte[] commandApdu)
    {
        foreach (var (prefix, response) in _faults)
        {
            if (commandApdu.AsSpan().StartsWith(prefix))
            {
                return response.ToArray();
            }
        }

        return inner.Process(commandApdu);
    }
}
