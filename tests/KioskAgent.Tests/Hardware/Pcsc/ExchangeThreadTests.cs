using KioskAgent.Hardware.Pcsc.Native;
using KioskAgent.Tests.Testing;

namespace KioskAgent.Tests.Hardware.Pcsc;

/// <summary>The deadline around native card calls, with a blocking fake in place of SCardTransmit.</summary>
[Trait("Category", TestCategories.Unit)]
public sealed class ExchangeThreadTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private readonly ManualResetEventSlim _cardAnswers = new();

    public void Dispose()
    {
        _cardAnswers.Set();
        _cardAnswers.Dispose();
    }

    [Fact]
    public void TryRun_CallReturnsInTime_GivesItsResultFromTheExchangeThread()
    {
        var exchange = new ExchangeThread("test exchange");

        var ran = exchange.TryRun(() => Thread.CurrentThread.Name, Generous, out var threadName);

        Assert.True(ran);
        Assert.Equal("test exchange", threadName);
        Assert.False(exchange.IsAbandoned);
        exchange.Stop(Generous);
    }

    [Fact]
    public void TryRun_CallMissesItsDeadline_IsAbandoned_RefusesMoreWork_AndReleasesWhatItOwnsWhenTheCallReturns()
    {
        var context = new Resource("context");
        var connection = new Resource("connection");
        var abandoned = 0;
        using var finished = new ManualResetEventSlim();
        var exchange = new ExchangeThread("test exchange", context, abandoned: _ => abandoned++, finished: _ => finished.Set());
        exchange.Own(connection);

        var ran = exchange.TryRun(() => _cardAnswers.Wait(Generous), TimeSpan.FromMilliseconds(100), out _);
        var refused = !exchange.TryRun(() => true, Generous, out _);
        var releasedWhileBlocked = context.Disposed || connection.Disposed;
        _cardAnswers.Set();

        Assert.False(ran);
        Assert.True(exchange.IsAbandoned);
        Assert.Equal(1, abandoned);
        Assert.True(refused);
        Assert.False(releasedWhileBlocked);
        Assert.True(finished.Wait(Generous));
        Assert.Equal(["connection", "context"], Resource.Order(connection, context));
        Assert.All([connection, context], r => Assert.Equal("test exchange", r.DisposedOn));
    }

    [Fact]
    public void TryRun_WaitCancelled_ReturnsAtOnceAndAbandons()
    {
        var exchange = new ExchangeThread("test exchange");
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var ran = exchange.TryRun(() => _cardAnswers.Wait(Generous), Generous, out _, stop.Token);

        Assert.False(ran);
        Assert.True(exchange.IsAbandoned);
    }

    [Fact]
    public void TryRun_CallThrows_RethrowsOnTheCaller()
    {
        var exchange = new ExchangeThread("test exchange");

        Assert.Throws<InvalidOperationException>(() => exchange.TryRun<int>(() => throw new InvalidOperationException("boom"), Generous, out _));
        Assert.False(exchange.IsAbandoned);
        exchange.Stop(Generous);
    }

    [Fact]
    public void Release_DisposesOnTheExchangeThread_AndOnlyOnce()
    {
        var connection = new Resource("connection");
        var exchange = new ExchangeThread("test exchange");
        exchange.Own(connection);

        exchange.Release(connection);
        exchange.Stop(Generous);

        Assert.Equal(1, connection.DisposeCount);
        Assert.Equal("test exchange", connection.DisposedOn);
    }

    [Fact]
    public async Task Stop_WhileACallHangs_ReturnsAfterItsTimeout_AndTheThreadCleansUpLater()
    {
        var context = new Resource("context");
        using var entered = new ManualResetEventSlim();
        var exchange = new ExchangeThread("test exchange", context);
        _ = Task.Run(() => exchange.TryRun(
            () =>
            {
                entered.Set();
                return _cardAnswers.Wait(Generous);
            },
            Generous,
            out _));
        Assert.True(entered.Wait(Generous));

        exchange.Stop(TimeSpan.FromMilliseconds(100));
        var completedWhileBlocked = exchange.Completion.IsCompleted;
        _cardAnswers.Set();

        Assert.True(exchange.IsAbandoned);
        Assert.False(completedWhileBlocked);
        await exchange.Completion.WaitAsync(Generous);
        Assert.True(context.Disposed);
    }

    private sealed class Resource(string name) : IDisposable
    {
        private static long _sequence;

        public string Name { get; } = name;

        public int DisposeCount { get; private set; }

        public bool Disposed => DisposeCount > 0;

        public string? DisposedOn { get; private set; }

        public long DisposedAt { get; private set; }

        public static string[] Order(params Resource[] resources) => [.. resources.OrderBy(r => r.DisposedAt).Select(r => r.Name)];

        public void Dispose()
        {
            DisposeCount++;
            DisposedOn = Thread.CurrentThread.Name;
            DisposedAt = Interlocked.Increment(ref _sequence);
        }
    }
}
