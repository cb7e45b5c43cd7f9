namespace KioskAgent.Taps;

/// <summary>One reader held by a self-test (<see cref="ReaderTestClaims.TryClaim"/>); disposing it gives the reader back.</summary>
public sealed class ReaderTestClaim : IDisposable
{
    private readonly Action<ReaderTestClaim> _release;
    private readonly TaskCompletionSource<ReaderTestRead> _read = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ReaderTestClaim(string readerId, Action<ReaderTestClaim> release)
    {
        ReaderId = readerId;
        _release = release;
    }

    public string ReaderId { get; }

    /// <summary>The first card presented (or failed read) at the reader since the claim began.</summary>
    public Task<ReaderTestRead> NextReadAsync(CancellationToken cancellationToken) => _read.Task.WaitAsync(cancellationToken);

    public void Dispose() => _release(this);

    internal void Offer(ReaderTestRead read) => _read.TrySetResult(read);
}
