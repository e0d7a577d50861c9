//go:build tools

// Package tools pins controller-gen and the API packages it reads, so that `go mod tidy` keeps
// them in go.sum. It is never compiled.
package tools

import (
	_ "github.com/projectcalico/calico/libcalico-go/lib/apis/crd.projectcalico.org/v1"
	_ "sigs.k8s.io/controller-tools/cmd/controller-gen"
	_ "sigs.k8s.io/network-policy-api/apis/v1alpha1"
)
