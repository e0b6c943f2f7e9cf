// Set by the custom server from the socket (or a trusted proxy) and
// overwritten on every request, so a client cannot choose its own address
// to dodge the sign-in rate limit.
export const CLIENT_IP_HEADER = "x-portal-client-ip";
