namespace KioskAgent.CentralLink;

/// <summary>
/// Online = <see cref="MqttConnection.IsConnected"/>. Connects and lost sessions are announced by
/// the connection; the state is also looked at every 30 s, in case a change slipped between the two
/// (an idle kiosk wakes for each look).
/// </summary>
public sealed class MqttCentralReachability : ICentralReachability, IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(30);

    private readonly MqttConnection _connection;
    private readonly ITimer _poll;
    private int _online;

    public MqttCentralReachability(MqttConnection connection, TimeProvider time)
    {
        _connection = connection;
        _online = connection.IsConnected ? 1 : 0;
        connection.Connected += Look;
        connection.Disconnected += Look;
        _poll = time.CreateTimer(_ => Look(), null, PollEvery, PollEvery);
    }

    public bool IsOnline => _connection.IsConnected;

    public event Action? Changed;

    public void Dispose()
    {
        _connection.Connected -= Look;
        _connection.Disconnected -= Look;
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
