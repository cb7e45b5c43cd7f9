namespace KioskAgent.Members;

/// <summary>A card's life-cycle state; only <see cref="Active"/> cards are honoured.</summary>
public enum CardState
{
    Active = 0,
    /// <summary>挂失: reported lost by the member.</summary>
    Lost,
    /// <summary>冻结: frozen by staff.</summary>
    Frozen,
    /// <summary>注销: cancelled for good.</summary>
    Cancelled,
    /// <summary>过期: past its validity date.</summary>
    Expired,
    /// <summary>补卡: a new card was issued; this old one stops working.</summary>
    Replaced,
}
