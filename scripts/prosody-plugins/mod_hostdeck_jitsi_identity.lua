-- Test servers only (scripts/xmpp-servers.sh). Advertises Jitsi's components in this virtual
-- host's disco#info the way Jitsi's own Prosody plugins do (mod_features_identity and friends:
-- identity category "component", type = the feature, name = the component's address), so that the
-- tests' fake Jitsi component, an external component (XEP-0114), can stand in for those plugins.
local identities = module:get_option("hostdeck_jitsi_identities", {});
for feature, address in pairs(identities) do
	module:add_identity("component", feature, address);
end
