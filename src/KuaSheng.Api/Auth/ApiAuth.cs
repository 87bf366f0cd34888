using System.Text;
using KuaSheng.Api.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace KuaSheng.Api.Auth;

/// <summary>
/// JWT bearer authentication with ASP.NET Core's own handler, of one or two kinds (<see cref="AuthSettings"/>):
/// the node's own HS256 tokens (single node, local cluster) and the identity provider's RS256/ES256 tokens (OpenID
/// Connect: metadata, JWKS with rotation). With both, the scheme <see cref="JwtBearerDefaults.AuthenticationScheme"/>
/// hands a token to the one its header's <c>alg</c> names — an HS* token to the local key, anything else to the provider,
/// which accepts only asymmetric algorithms. Claims keep the names of API.md (sub, role, unit, units: provider claims are
/// mapped by <see cref="OidcClaimMapping"/>); 401 and 403 are answered as problem details.
/// </summary>
public static class ApiAuth
{
    public const int MinimumKeyBytes = 32;
    public const string LocalScheme = "local";
    public const string OidcScheme = "oidc";

    public static SymmetricSecurityKey Key(AuthSettings settings)
    {
        var bytes = Encoding.UTF8.GetBytes(settings.SigningKey ?? "");
        if (bytes.Length < MinimumKeyBytes)
            throw new InvalidOperationException($"KuaSheng:Auth:SigningKey must be at least {MinimumKeyBytes} bytes; set it in configuration or the environment (KuaSheng__Auth__SigningKey).");
        return new SymmetricSecurityKey(bytes);
    }

    public static IServiceCollection AddApiAuth(this IServiceCollection services, AuthSettings settings, bool production)
    {
        var local = settings.LocalTokens(production);
        var oidc = settings.Oidc.Enabled;
        // Checked when the node starts, not when it is configured: reading a configuration must not need the secret.
        if (local) services.AddHostedService(_ => new SigningKeyCheck(settings));
        var builder = services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme);
        var bearer = JwtBearerDefaults.AuthenticationScheme;
        if (local && oidc)
        {
            builder.AddPolicyScheme(bearer, bearer, o => o.ForwardDefaultSelector = http => IsLocal(http) ? LocalScheme : OidcScheme);
            builder.AddJwtBearer(LocalScheme, o => ConfigureLocal(o, settings));
            builder.AddJwtBearer(OidcScheme, o => ConfigureOidc(o, settings.Oidc));
        }
        else if (oidc) builder.AddJwtBearer(bearer, o => ConfigureOidc(o, settings.Oidc));
        else builder.AddJwtBearer(bearer, o => ConfigureLocal(o, settings));
        // After the handler's own post-configuration, which creates the ConfigurationManager: no "last known good"
        // configuration. With it, a key the provider withdrew (rotated out, or compromised) would still be accepted for an
        // hour after the node fetched the JWKS without it; without it, only the keys the provider publishes now count.
        if (oidc)
            services.PostConfigure<JwtBearerOptions>(local ? OidcScheme : bearer, o =>
            {
                if (o.ConfigurationManager is BaseConfigurationManager manager) manager.UseLastKnownGoodConfiguration = false;
            });
        services.AddAuthorization();
        return services;
    }

    private static void ConfigureLocal(JwtBearerOptions options, AuthSettings settings)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            IssuerSigningKey = Key(settings),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RoleClaimType = TokenClaims.Role,
            NameClaimType = TokenClaims.Subject,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        options.Events = Events(null, null);
    }

    private static void ConfigureOidc(JwtBearerOptions options, OidcSettings oidc)
    {
        options.MetadataAddress = oidc.MetadataUrl;
        if (!string.IsNullOrWhiteSpace(oidc.Authority)) options.Authority = oidc.Authority;
        // The start checks refuse plain http anywhere but on this machine.
        options.RequireHttpsMetadata = !oidc.MetadataOnLoopbackHttp;
        // A token signed by a key the node does not know yet (the provider rotated its keys) makes the handler fetch the
        // JWKS again, at most once per RefreshInterval, and validate with the new keys.
        options.RefreshOnIssuerKeyNotFound = true;
        options.RefreshInterval = oidc.RefreshInterval;
        options.AutomaticRefreshInterval = oidc.AutomaticRefreshInterval;
        options.MapInboundClaims = false;
        options.TokenValidationParameters = oidc.ValidationParameters(oidc.AllAudiences);
        options.Events = Events(oidc, new RotatedKeyRetry(oidc));
    }

    private static JwtBearerEvents Events(OidcSettings? oidc, RotatedKeyRetry? retry) => new()
    {
        OnTokenValidated = context =>
        {
            if (oidc is not null) context.Principal = OidcClaimMapping.Map(context.Principal!, oidc);
            return Task.CompletedTask;
        },
        OnAuthenticationFailed = async context =>
        {
            if (retry is not null) await retry.TryAsync(context);
            if (context.Result?.Succeeded != true) AuthRefusals.Remember(context.HttpContext, AuthRefusals.ReasonOf(context.Exception));
        },
        OnChallenge = async context =>
        {
            context.HandleResponse();
            await Problem.Of(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthenticated, "Not signed in",
                "A valid bearer token is required (Authorization: Bearer <JWT>).").ExecuteAsync(context.HttpContext);
        },
        OnForbidden = context =>
            Problem.Forbidden("Your role may not use this endpoint.").ExecuteAsync(context.HttpContext),
    };

    /// <summary>Whether the request's bearer token says it is HS-signed (the node's own kind). Only the header is read
    /// here; the chosen scheme validates everything.</summary>
    private static bool IsLocal(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        var token = header["Bearer ".Length..].Trim();
        var handler = new JsonWebTokenHandler();
        if (!handler.CanReadToken(token)) return false;
        try
        {
            return handler.ReadJsonWebToken(token).Alg?.StartsWith("HS", StringComparison.Ordinal) == true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>Refuses to start a node that accepts its own tokens without a usable signing key, with a message that says
/// where to set it.</summary>
internal sealed class SigningKeyCheck(AuthSettings settings) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = ApiAuth.Key(settings);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
