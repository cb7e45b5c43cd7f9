namespace KioskAgent.Draws;

/// <summary>Why a draw action was refused, as the API reports it.</summary>
public enum DrawRefusal
{
    InvalidArgument,
    NotFound,
    FailedPrecondition,
    PermissionDenied,
}
