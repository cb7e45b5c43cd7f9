namespace KioskAgent.Draws.Running;

/// <summary>Publishes a draw's retained messages (commitment, record) to central, now or once connected.</summary>
public interface IDrawPublisher
{
    /// <summary>The draw changed in a way central sees (committed, revealed, replaced, locked).</summary>
    void Changed(string drawId);
}
