using KuaSheng.Api.Audit;
using KuaSheng.Api.Auth;
using KuaSheng.Api.Hardening;
using KuaSheng.Api.Problems;
using KuaSheng.Domain.Access;
using KuaSheng.Domain.Audit;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KuaSheng.Console.Auth;

/// <summary>
/// What the provider's answer becomes: a console cookie with the claims of <see cref="OidcClaimMapping.Map"/> — the one
/// rule the API applies to the provider's bearer tokens — in the shape of the dev sign-in's (<see cref="ConsoleAuth.Principal"/>),
/// so that <c>Caller.From(User)</c> reads both alike; or, for an account whose claims give no role of API.md, no cookie
/// and the sign-in page with <see cref="ConsoleSignInFailure.NoRole"/>. Both are audited
/// (<see cref="AuditActions.ConsoleSignIn"/>). Every failure of the exchange ends on the sign-in page with a message.
/// <para>The mapping runs when the ticket is complete (<c>OnTicketReceived</c>), not in <c>OnTokenValidated</c>: with
/// <see cref="ConsoleOidcSettings.GetClaimsFromUserInfoEndpoint"/> the userinfo claims are added after the id_token is
/// validated.</para>
/// </summary>
public static class ConsoleOidcSignIn
{
    /// <summary>An item of the cookie's properties: signed in through the provider, so a sign-out ends the session there
    /// too.</summary>
    public const string ViaProviderItem = "kuasheng.console.via-provider";

    public static OpenIdConnectEvents Events(OidcSettings provider) => new()
    {
        OnTokenValidated = context =>
        {
            // The handler does not require a signature on the token endpoint's id_token (it came over TLS with the client
            // secret); the console requires what the API requires of every token of the provider.
            var algorithm = context.SecurityToken?.Header.Alg;
            if (algorithm is null || !provider.AllAlgorithms.Contains(algorithm))
                context.Fail($"The id_token is signed with \"{algorithm}\", not one of KuaSheng:Auth:Oidc:Algorithms.");
            return Task.CompletedTask;
        },
        OnTicketReceived = context => SignInAsync(context, provider),
        OnAccessDenied = context =>
        {
            context.Response.Redirect(ConsoleSignInFailure.PathFor(ConsoleSignInFailure.Denied, context.ReturnUrl));
            context.HandleResponse();
            return Task.CompletedTask;
        },
        OnRemoteFailure = context =>
        {
            Log(context.HttpContext).LogWarning(context.Failure, "A console sign-in with the identity provider failed");
            context.Response.Redirect(ConsoleSignInFailure.PathFor(ConsoleSignInFailure.Failed, context.Properties?.RedirectUri));
            context.HandleResponse();
            return Task.CompletedTask;
        },
        // No id_token to hint with (SaveTokens is off): the client id tells the provider whose post-logout address it is.
        OnRedirectToIdentityProviderForSignOut = context =>
        {
            context.ProtocolMessage.ClientId = context.Options.ClientId;
            return Task.CompletedTask;
        },
    };

    private static async Task SignInAsync(TicketReceivedContext context, OidcSettings provider)
    {
        var mapped = OidcClaimMapping.Map(context.Principal!, provider);
        var caller = Caller.From(mapped);
        if (caller is null)
        {
            var subject = mapped.FindFirst(TokenClaims.Subject)?.Value;
            Log(context.HttpContext).LogWarning("Console sign-in refused: the provider's account {Subject} has no role of API.md under the configured claim",
                AuditText.Safe(subject));
            await AuditAsync(context.HttpContext, subject, null, null, StatusCodes.Status403Forbidden, ProblemCodes.Forbidden);
            context.Response.Redirect(ConsoleSignInFailure.PathFor(ConsoleSignInFailure.NoRole, context.ReturnUri));
            context.HandleResponse();
            return;
        }
        // A window's or officer's one unit as the dev sign-in writes it (unit), an integration's units as units.
        var single = caller.Units.Count == 1 ? caller.Units[0] : null;
        context.Principal = ConsoleAuth.Principal(new CallerIdentity(caller.Role, caller.Subject, single, single is null ? caller.Units : null));
        context.Properties!.Items[ViaProviderItem] = "1";
        await AuditAsync(context.HttpContext, caller.Subject, caller.Role, string.Join(',', caller.Units), StatusCodes.Status200OK, null);
    }

    private static async Task AuditAsync(HttpContext http, string? subject, string? role, string? units, int status, string? code)
    {
        if (http.RequestServices.GetService<AuditQueue>() is not { } audit) return;
        var time = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), AuditText.Safe(subject), AuditText.Safe(role), AuditText.Safe(units),
            AuditActions.ConsoleSignIn, null, ClientAddress.Of(http), status, code));
    }

    private static ILogger Log(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleOidcSignIn));
}
