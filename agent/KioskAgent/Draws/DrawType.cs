namespace KioskAgent.Draws;

/// <summary>What a draw produces.</summary>
public enum DrawType
{
    /// <summary>Prizes in tiers: the first entrants of the order win, the rest are alternates.</summary>
    Winners,

    /// <summary>Rank every entrant: the order itself is the result (抽选组号, the 选房 group order).</summary>
    Order,
}
