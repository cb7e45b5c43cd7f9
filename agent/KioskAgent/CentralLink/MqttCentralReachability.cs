namespace KioskAgent.CentralLink;

/// <summary>
/// Online = <see cref="MqttConnection.IsConnected"/>. The connection announces connects only, so
/// the state is also looked at every second: a lost session is noticed within a second.
/// </summary>
public sealed class MqttCentralReachability : ICentralReachability, IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    private readonly MqttConnection _connection;
    private readonly ITimer _poll;
    private int _online;

    public MqttCentralReachability(MqttConnection connection, TimeProvider time)
    {
        _connection = connection;
        _online = connection.IsConnected ? 1 : 0;
        connection.Connected += Look;
        _poll = time.CreateTimer(_ => Look(), null, PollEvery, PollEvery);
    }

    public bool IsOnline => _connection.IsConnected;

    public event Action? Changed;

    public void Dispose()
    {
        _connection.Connected -= Look;
        _poll.Dispose();
    }

    private void Look()
    {
        var now = _connection.IsConnected ? 1 : 0;
        if (Interlocked.Exchange(ref _online, now) != now)
        {
            Changed?.Invoke();
        }
    }
}
