using KioskAgent.Api.Refusals;

namespace KioskAgent.Api.Technicians;

/// <summary>
/// Lets a request into a <see cref="RequiresTechnicianAttribute"/> service or method through only
/// with valid technician credentials in the <c>authorization</c> metadata, checked before anything
/// reads the request body: a caller without credentials never gets its message parsed.
/// </summary>
public sealed class TechnicianAuthMiddleware(RequestDelegate next, TechnicianAuthenticator authenticator)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<RequiresTechnicianAttribute>() is null)
        {
            return next(context);
        }

        var result = authenticator.Authenticate(context.Request.Headers.Authorization.FirstOrDefault(), context.Request.Path.Value ?? "");

        // One status for every refusal (a locked-out user included): the answer must not tell
        // which user names exist or are locked.
        return result.Succeeded
            ? next(context)
            : GrpcRefusal.WriteAsync(context, Grpc.Core.StatusCode.Unauthenticated, Reason(result.Outcome), result.Message, StatusCodes.Status401Unauthorized);
    }

    /// <summary>A locked-out user gets the reason of a wrong password: the reason must not tell either.</summary>
    private static string Reason(TechnicianAuthOutcome outcome) => outcome switch
    {
        TechnicianAuthOutcome.NotConfigured => RefusalReason.TechniciansNotConfigured,
        TechnicianAuthOutcome.Missing => RefusalReason.CredentialsMissing,
        _ => RefusalReason.CredentialsRefused,
    };
}
