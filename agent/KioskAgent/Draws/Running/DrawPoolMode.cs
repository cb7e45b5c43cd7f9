namespace KioskAgent.Draws.Running;

/// <summary>How a draw's pool is formed.</summary>
public enum DrawPoolMode
{
    /// <summary>The activity's accepted check-ins (<see cref="Pools.IDrawPoolSource"/>).</summary>
    CheckIns,

    /// <summary>Members tap a card to join while joining is open.</summary>
    TapToJoin,
}
