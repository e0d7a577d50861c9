//go:build tools

// Package tools pins the programs this module builds, so that `go mod tidy`
// keeps their dependencies in go.sum. It is never compiled.
package tools

import (
	_ "github.com/containernetworking/plugins/plugins/ipam/host-local"
	_ "github.com/containernetworking/plugins/plugins/main/loopback"
	_ "github.com/containernetworking/plugins/plugins/meta/portmap"
	_ "github.com/containernetworking/plugins/plugins/meta/tuning"
	_ "github.com/projectcalico/calico/cni-plugin/cmd/calico"
	_ "github.com/projectcalico/calico/cni-plugin/cmd/install"
	_ "github.com/projectcalico/calico/kube-controllers/cmd/check-status"
	_ "github.com/projectcalico/calico/kube-controllers/cmd/kube-controllers"
	_ "github.com/projectcalico/calico/kube-controllers/cmd/wrapper"
	_ "github.com/projectcalico/calico/node/cmd/calico-node"
)
