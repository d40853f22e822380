export const options = {
  vus: 1,
  hosts: { 'example.test': '127.0.0.1' },
};

export default function () {}
