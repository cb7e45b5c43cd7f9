using KioskAgent.Taps;

namespace KioskAgent.Staff;

/// <summary>
/// Decides where a member-reader tap goes: to the staff feature that claimed the readers (one at a
/// time), or, when none has, to member self-service. A claim ends when its handle is disposed.
/// </summary>
public sealed class StaffTapRouter
{
    private readonly Lock _gate = new();
    private Claim? _current;

    /// <summary>The feature taking taps now; null when taps go to member self-service.</summary>
    public IStaffTapConsumer? Current
    {
        get
        {
            lock (_gate)
            {
                return _current?.Consumer;
            }
        }
    }

    /// <summary>
    /// Takes the member readers for <paramref name="consumer"/>; an earlier claim is replaced (staff
    /// switched from check-in to the draw). Dispose the result to give the readers back.
    /// </summary>
    public IDisposable Take(IStaffTapConsumer consumer)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var claim = new Claim(this, consumer);
        lock (_gate)
        {
            _current = claim;
        }

        return claim;
    }

    /// <summary>Gives the readers back to member self-service, whoever holds them (the staff session ended).</summary>
    public void ReleaseAll()
    {
        lock (_gate)
        {
            _current = null;
        }
    }

    /// <summary>Hands the tap to the claiming feature; false when none claimed the readers.</summary>
    public async Task<bool> TryRouteAsync(Tap tap, CancellationToken cancellationToken)
    {
        var consumer = Current;
        if (consumer is null)
        {
            return false;
        }

        await consumer.HandleTapAsync(tap, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Hands a member QR to the claiming feature when it takes QR codes; false otherwise.</summary>
    public async Task<bool> TryRouteQrAsync(QrTap tap, CancellationToken cancellationToken)
    {
        if (Current is not IStaffQrTapConsumer consumer)
        {
            return false;
        }

        await consumer.HandleQrAsync(tap, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private void Release(Claim claim)
    {
        lock (_gate)
        {
            if (ReferenceEquals(_current, claim))
            {
                _current = null;
            }
        }
    }

    private sealed class Claim(StaffTapRouter router, IStaffTapConsumer consumer) : IDisposable
    {
        public IStaffTapConsumer Consumer { get; } = consumer;

        public void Dispose() => router.Release(this);
    }
}
